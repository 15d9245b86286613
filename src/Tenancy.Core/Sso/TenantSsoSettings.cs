using System.ComponentModel.DataAnnotations;

namespace Tenancy.Sso;

/// <summary>
/// A tenant's identity provider: the issuer whose tokens grant access to the tenant (JWT bearer) and the OpenID Connect
/// client the tenant's users sign in with. One issuer belongs to exactly one tenant; the tenant a token grants is decided
/// by its validated issuer, never by a claim.
/// </summary>
public sealed record TenantSsoSettings
{
    /// <summary>The placeholder a multi-tenant issuer (Microsoft Entra ID) carries for its own tenant id.</summary>
    public const string IssuerTenantPlaceholder = "{tenantid}";

    /// <summary>The tenant.</summary>
    [Required]
    public required string TenantId { get; init; }

    /// <summary>
    /// The issuer (<c>iss</c>) exactly as the provider writes it, such as <c>https://acme.okta.com/oauth2/default</c>.
    /// A multi-tenant provider's issuer may carry <see cref="IssuerTenantPlaceholder"/>
    /// (<c>https://login.microsoftonline.com/{tenantid}/v2.0</c>) together with <see cref="IssuerTenantId"/>.
    /// </summary>
    [Required]
    public required string Issuer { get; init; }

    /// <summary>The provider's own tenant id that replaces <see cref="IssuerTenantPlaceholder"/> in <see cref="Issuer"/>.</summary>
    public string? IssuerTenantId { get; init; }

    /// <summary>
    /// The discovery document, or <see langword="null"/> for <c>{issuer}/.well-known/openid-configuration</c>. A multi-tenant
    /// provider's shared document (<c>…/common/v2.0/.well-known/openid-configuration</c>) is fetched once for all its tenants.
    /// </summary>
    public string? MetadataAddress { get; init; }

    /// <summary>The accepted audiences of access tokens (JWT bearer). Empty: only <see cref="ClientId"/>.</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>The OpenID Connect client id (the audience of id tokens).</summary>
    public string? ClientId { get; init; }

    /// <summary>The name of the client secret in the tenant's secret store, or <see langword="null"/> for a public client (PKCE only).</summary>
    public string? ClientSecretName { get; init; }

    /// <summary>The scopes asked at sign-in (<c>openid</c> is always asked).</summary>
    public IReadOnlyList<string> Scopes { get; init; } = ["openid", "profile", "email"];

    /// <summary>Which provider claim carries each of <c>email</c>, <c>email_verified</c> and <c>name</c> when it is not the standard one.</summary>
    public IReadOnlyDictionary<string, string> ClaimMappings { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The clock skew allowed on token lifetimes. Default 2 minutes.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Claims every token must carry (besides <c>iss</c>, <c>aud</c>, <c>exp</c> and <c>sub</c>).</summary>
    public IReadOnlyList<string> RequiredClaims { get; init; } = [];

    /// <summary>
    /// The provider claim that names a tenant (<c>tid</c>). When a token carries it, it must name this tenant (its id) or the
    /// provider tenant of the issuer (<see cref="IssuerTenantId"/>); any other value is refused.
    /// </summary>
    public string TenantClaim { get; init; } = "tid";

    /// <summary>Whether the tenant's users must sign in through this provider (password sign-in is refused).</summary>
    public bool SsoEnforced { get; init; }

    /// <summary>Whether a first sign-in whose verified e-mail matches an existing member links to that member.</summary>
    public bool MatchVerifiedEmail { get; init; } = true;

    /// <summary>Whether a first sign-in that matches no member creates one (just-in-time) with <see cref="DefaultRoles"/>.</summary>
    public bool CreateMembers { get; init; } = true;

    /// <summary>The roles of members created just-in-time.</summary>
    public IReadOnlyList<string> DefaultRoles { get; init; } = ["member"];

    /// <summary>The issuer with <see cref="IssuerTenantPlaceholder"/> replaced: the exact <c>iss</c> this tenant's tokens carry.</summary>
    public string EffectiveIssuer => IssuerTenantId is { Length: > 0 } id
        ? Issuer.Replace(IssuerTenantPlaceholder, id, StringComparison.OrdinalIgnoreCase)
        : Issuer;

    /// <summary>The discovery document's address.</summary>
    public string EffectiveMetadataAddress => MetadataAddress is { Length: > 0 } address
        ? address
        : EffectiveIssuer.TrimEnd('/') + "/.well-known/openid-configuration";

    /// <summary>Checks the settings; throws <see cref="ArgumentException"/> naming the failing member.</summary>
    /// <exception cref="ArgumentException">A member is missing or malformed.</exception>
    public void Validate()
    {
        Tenancy.TenantId.Validate(TenantId);
        if (!Uri.TryCreate(EffectiveIssuer, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("https" or "http"))
        {
            throw new ArgumentException($"{nameof(Issuer)} must be an absolute http(s) URI.", nameof(Issuer));
        }

        if (EffectiveIssuer.Contains(IssuerTenantPlaceholder, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{nameof(Issuer)} carries {IssuerTenantPlaceholder}: set {nameof(IssuerTenantId)} to the provider's tenant id.", nameof(IssuerTenantId));
        }

        if (!Uri.TryCreate(EffectiveMetadataAddress, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"{nameof(MetadataAddress)} must be an absolute URI.", nameof(MetadataAddress));
        }

        if (ClientId is null && Audiences.Count == 0)
        {
            throw new ArgumentException($"Set {nameof(ClientId)} or {nameof(Audiences)}: a token for any audience is never accepted.", nameof(Audiences));
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException($"{nameof(ClockSkew)} must be between 0 and 10 minutes.", nameof(ClockSkew));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(TenantClaim, nameof(TenantClaim));
    }
}

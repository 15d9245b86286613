using System.ComponentModel.DataAnnotations;

namespace Tenancy.AspNetCore.Sso;

/// <summary>How tenant tokens are validated and how tenant users sign in (shared by every tenant; each tenant's provider is a <c>TenantSsoSettings</c>).</summary>
public sealed class TenantSsoOptions
{
    /// <summary>Whether discovery documents and key sets must be fetched over HTTPS. Default <see langword="true"/>; turn off only for a loopback test provider.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// The least time between two key-set fetches of one provider caused by a token whose <c>kid</c> is unknown. A flood of
    /// forged key ids makes at most one fetch per interval. Default 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan KeyRefreshMinimumInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a discovery document and key set are used before they are fetched again. Default 12 hours.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The claim that carries the authenticated tenant id (what <c>FromClaim()</c> reads). Default <c>tid</c>.</summary>
    [Required]
    public string TenantClaimType { get; set; } = "tid";

    /// <summary>The cookie scheme OpenID Connect sign-in signs into. Default <c>Cookies</c>.</summary>
    [Required]
    public string SignInScheme { get; set; } = "Cookies";

    /// <summary>How long a sign-in may take between the redirect to the provider and the callback. Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan SignInLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The signature algorithms accepted; only asymmetric ones are allowed (never <c>none</c> or HMAC).</summary>
    public IList<string> ValidAlgorithms { get; } = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];
}

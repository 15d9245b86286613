namespace Tenancy.Scim.Provisioning;

/// <summary>A user seen at sign-in (OIDC claims) to upsert into the tenant's SCIM directory.</summary>
/// <param name="UserName">The user name (usually the e-mail or UPN claim). Required.</param>
/// <param name="ExternalId">The IdP's stable id (e.g. the <c>oid</c> or <c>sub</c> claim), when known.</param>
public sealed record ScimJitUser(string UserName, string? ExternalId)
{
    /// <summary>The display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The given name.</summary>
    public string? GivenName { get; init; }

    /// <summary>The family name.</summary>
    public string? FamilyName { get; init; }

    /// <summary>The work e-mail address.</summary>
    public string? Email { get; init; }
}

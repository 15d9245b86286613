namespace Tenancy.AspNetCore.ApiKeys;

/// <summary>Names used by the tenant API key authentication scheme.</summary>
public static class TenantApiKeyDefaults
{
    /// <summary>The default scheme name.</summary>
    public const string AuthenticationScheme = "TenantApiKey";

    /// <summary>The <c>Authorization</c> scheme: <c>Authorization: ApiKey tnc_live_…</c>.</summary>
    public const string AuthorizationScheme = "ApiKey";

    /// <summary>The alternative header: <c>X-Api-Key: tnc_live_…</c>.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The claim carrying the key id.</summary>
    public const string KeyIdClaimType = "tenancy_api_key_id";

    /// <summary>The claim type of each granted scope.</summary>
    public const string ScopeClaimType = "scope";
}

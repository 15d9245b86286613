namespace Tenancy.AspNetCore.Sso;

/// <summary>Names used by the per-tenant JWT bearer scheme.</summary>
public static class TenantJwtBearerDefaults
{
    /// <summary>The default scheme name.</summary>
    public const string AuthenticationScheme = "TenantBearer";

    /// <summary>The <c>Authorization</c> scheme it reads.</summary>
    public const string AuthorizationScheme = "Bearer";
}

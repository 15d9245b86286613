using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;

namespace Tenancy.AspNetCore.ApiKeys;

/// <summary>Options of the tenant API key authentication scheme.</summary>
public sealed class TenantApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>
    /// The claim that carries the key's tenant id: the one the claim strategy reads (<c>FromClaim("tid")</c>), so the
    /// authenticated tenant wins over headers, paths and hosts. Default <c>tid</c>.
    /// </summary>
    [Required]
    public string TenantClaimType { get; set; } = "tid";

    /// <summary>The header that may carry the key besides <c>Authorization: ApiKey …</c>; <see langword="null"/> to accept only <c>Authorization</c>. Default <c>X-Api-Key</c>.</summary>
    public string? HeaderName { get; set; } = TenantApiKeyDefaults.HeaderName;
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tenancy.AspNetCore.ApiKeys;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the tenant API key authentication scheme.</summary>
public static class TenantApiKeyAuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds the scheme that authenticates <c>Authorization: ApiKey tnc_live_…</c> and <c>X-Api-Key</c> with the key service
    /// registered by <c>AddApiKeys()</c>. Make it the default scheme (or forward to it) and put <c>app.UseAuthentication()</c>
    /// before <c>app.UseTenancy()</c>, so the key's tenant is the authenticated tenant.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="scheme">The scheme name.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The same builder.</returns>
    public static AuthenticationBuilder AddTenantApiKeys(
        this AuthenticationBuilder builder,
        string scheme = TenantApiKeyDefaults.AuthenticationScheme,
        Action<TenantApiKeyAuthenticationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(scheme);
        builder.Services.AddOptions<TenantApiKeyAuthenticationOptions>(scheme).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenantApiKeyAuthenticationOptions>, TenantApiKeyAuthenticationOptionsValidator>());
        return builder.AddScheme<TenantApiKeyAuthenticationOptions, TenantApiKeyAuthenticationHandler>(scheme, configure);
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tenancy;
using Tenancy.AspNetCore.Sso;
using Tenancy.Sso;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the HTTP side of per-tenant single sign-on (token validation, OpenID Connect sign-in) to a <see cref="TenancyBuilder"/>.</summary>
public static class TenantSsoBuilderExtensions
{
    /// <summary>
    /// Adds <c>AddSso()</c> (Core) plus what validates tenant tokens and signs users in: the provider metadata cache, the
    /// token validator, the pending sign-in store and the HTTP client <c>Tenancy.Sso</c>. Then add the bearer scheme with
    /// <c>AddAuthentication().AddTenantJwtBearer()</c> and map sign-in with <c>app.MapTenancySignIn()</c>.
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder AddTenantSso(this TenancyBuilder builder, Action<TenantSsoOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSso();
        var options = builder.Services.AddOptions<TenantSsoOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenantSsoOptions>, TenantSsoOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient(OidcMetadataCache.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<Tenancy.AspNetCore.Diagnostics.AspNetCoreMetrics>();
        builder.Services.TryAddSingleton<OidcMetadataCache>();
        builder.Services.TryAddSingleton<TenantTokenValidator>();
        builder.Services.TryAddSingleton<ITenantSignInStateStore, InMemoryTenantSignInStateStore>();
        builder.Services.TryAddSingleton<TenantSignInHandler>();
        return builder;
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tenancy;
using Tenancy.ApiKeys;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds tenant API keys (<see cref="TenantApiKeyService"/>) to a <see cref="TenancyBuilder"/>.</summary>
public static class TenancyApiKeysBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="TenantApiKeyService"/> and the background writer of last-used times. A store is needed too:
    /// <c>AddEntityFrameworkPlatformStores&lt;TContext&gt;()</c> from Tenancy.EntityFramework, or your own <see cref="ITenantApiKeyStore"/>.
    /// Authenticate requests with <c>AddTenantApiKeys()</c> on the authentication builder (Tenancy.AspNetCore).
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder AddApiKeys(this TenancyBuilder builder, Action<TenantApiKeyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<TenantApiKeyOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenantApiKeyOptions>, TenantApiKeyOptionsValidator>());
        builder.Services.TryAddSingleton<TenantApiKeyService>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TenantApiKeyUsageFlusher>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Tenancy.Lifecycle.TenantLifecycleStep, TenantApiKeysLifecycleStep>());
        return builder;
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tenancy;
using Tenancy.AspNetCore;
using Tenancy.AspNetCore.Diagnostics;
using Tenancy.AspNetCore.RateLimiting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Tenancy's ASP.NET Core services.</summary>
public static class TenancyAspNetCoreBuilderExtensions
{
    /// <summary>Configures the tenant resolution middleware (<c>app.UseTenancy()</c>).</summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The builder.</returns>
    public static TenancyBuilder ConfigureHttp(this TenancyBuilder builder, Action<TenancyHttpOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<TenancyHttpOptions>().Configure(configure).ValidateOnStart();
        return builder;
    }

    /// <summary>
    /// Adds per-tenant, per-caller rate limits chosen by plan (see <see cref="TenantRateLimiterOptions"/>); apply them with
    /// <c>app.UseTenancyRateLimiter()</c> after <c>app.UseTenancy()</c> (and after <c>app.UseForwardedHeaders()</c> behind a proxy).
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configure">Sets the limits per plan and the default.</param>
    /// <returns>The builder.</returns>
    public static TenancyBuilder AddTenancyRateLimiter(this TenancyBuilder builder, Action<TenantRateLimiterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddTenancyRateLimiter(configure);
        return builder;
    }

    /// <summary>
    /// Adds per-tenant, per-caller rate limits chosen by plan (see <see cref="TenantRateLimiterOptions"/>); apply them with
    /// <c>app.UseTenancyRateLimiter()</c> after <c>app.UseTenancy()</c> (and after <c>app.UseForwardedHeaders()</c> behind a proxy).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the limits per plan and the default.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddTenancyRateLimiter(this IServiceCollection services, Action<TenantRateLimiterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TenantRateLimiterOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenantRateLimiterOptions>, TenantRateLimiterOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<AspNetCoreMetrics>();
        services.TryAddSingleton<TenantRateLimiter>();
        return services;
    }
}

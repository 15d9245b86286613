using Microsoft.Extensions.DependencyInjection.Extensions;
using Tenancy;
using Tenancy.AspNetCore.Idempotency;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the <c>Idempotency-Key</c> middleware's services.</summary>
public static class TenancyIdempotencyExtensions
{
    /// <summary>
    /// Configures idempotency keys (<c>app.UseTenancyIdempotency()</c> applies them). Responses are kept in
    /// <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>: the in-process cache unless the host
    /// registers another (<c>AddStackExchangeRedisCache</c> for Redis).
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder AddIdempotency(this TenancyBuilder builder, Action<IdempotencyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<IdempotencyOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<IdempotencyOptions>, IdempotencyOptionsValidator>());
        builder.Services.AddDistributedMemoryCache();
        return builder;
    }
}

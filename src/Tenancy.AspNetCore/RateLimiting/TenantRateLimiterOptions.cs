using System.Threading.RateLimiting;

namespace Tenancy.AspNetCore.RateLimiting;

/// <summary>
/// Per-tenant rate limits, chosen by the tenant's <see cref="TenantInfo.Plan"/>. Every tenant gets its own partition
/// (its own window or bucket); a tenant whose plan has no entry gets <see cref="SetDefault(FixedWindowRateLimiterOptions)"/>'s
/// limits, or none when no default is set.
/// </summary>
/// <example>
/// <code>
/// services.AddTenantRateLimiter(o => o
///     .SetDefault(new FixedWindowRateLimiterOptions { PermitLimit = 100, Window = TimeSpan.FromMinutes(1) })
///     .AddPlan("pro", new TokenBucketRateLimiterOptions { TokenLimit = 1000, TokensPerPeriod = 100, ReplenishmentPeriod = TimeSpan.FromSeconds(1) })
///     .AddUnlimitedPlan("enterprise"));
/// </code>
/// </example>
public sealed class TenantRateLimiterOptions
{
    private readonly Dictionary<string, Func<TenantPartitionKey, RateLimiter>> _plans = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>Retry-After</c> sent when the limiter cannot tell how long to wait. One second by default.</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The plans with limits of their own.</summary>
    public IReadOnlyCollection<string> Plans => _plans.Keys;

    internal Func<TenantPartitionKey, RateLimiter>? DefaultFactory { get; private set; }

    /// <summary>Limits tenants of every plan without an entry with a fixed window.</summary>
    /// <param name="options">The window.</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions SetDefault(FixedWindowRateLimiterOptions options) => SetDefault(Factory(options));

    /// <summary>Limits tenants of every plan without an entry with a sliding window.</summary>
    /// <param name="options">The window.</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions SetDefault(SlidingWindowRateLimiterOptions options) => SetDefault(Factory(options));

    /// <summary>Limits tenants of every plan without an entry with a token bucket.</summary>
    /// <param name="options">The bucket.</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions SetDefault(TokenBucketRateLimiterOptions options) => SetDefault(Factory(options));

    /// <summary>Limits tenants of every plan without an entry to a number of concurrent requests.</summary>
    /// <param name="options">The concurrency limit.</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions SetDefault(ConcurrencyLimiterOptions options) => SetDefault(Factory(options));

    /// <summary>Limits tenants on <paramref name="plan"/> with a fixed window.</summary>
    /// <param name="plan">The plan name (case-insensitive).</param>
    /// <param name="options">The window.</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions AddPlan(string plan, FixedWindowRateLimiterOptions options) => AddPlan(plan, Factory(options));

    /// <summary>Limits tenants on <paramref name="plan"/> with a sliding window.</summary>
    /// <param name="plan">The plan name (case-insensitive).</param>
    /// <param name="options">The window.</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions AddPlan(string plan, SlidingWindowRateLimiterOptions options) => AddPlan(plan, Factory(options));

    /// <summary>Limits tenants on <paramref name="plan"/> with a token bucket.</summary>
    /// <param name="plan">The plan name (case-insensitive).</param>
    /// <param name="options">The bucket.</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions AddPlan(string plan, TokenBucketRateLimiterOptions options) => AddPlan(plan, Factory(options));

    /// <summary>Limits tenants on <paramref name="plan"/> to a number of concurrent requests.</summary>
    /// <param name="plan">The plan name (case-insensitive).</param>
    /// <param name="options">The concurrency limit.</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions AddPlan(string plan, ConcurrencyLimiterOptions options) => AddPlan(plan, Factory(options));

    /// <summary>Lets tenants on <paramref name="plan"/> through without limits.</summary>
    /// <param name="plan">The plan name (case-insensitive).</param>
    /// <returns>These options.</returns>
    public TenantRateLimiterOptions AddUnlimitedPlan(string plan) =>
        AddPlan(plan, RateLimitPartition.GetNoLimiter(default(TenantPartitionKey)).Factory);

    internal Func<TenantPartitionKey, RateLimiter>? FactoryFor(string? plan) =>
        plan is not null && _plans.TryGetValue(plan, out var factory) ? factory : DefaultFactory;

    private TenantRateLimiterOptions SetDefault(Func<TenantPartitionKey, RateLimiter> factory)
    {
        DefaultFactory = factory;
        return this;
    }

    private TenantRateLimiterOptions AddPlan(string plan, Func<TenantPartitionKey, RateLimiter> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(plan);
        _plans[plan] = factory;
        return this;
    }

    // The partitioned limiter replenishes every partition from one timer, so the factories turn auto-replenishment off,
    // as RateLimitPartition does. Building one limiter here validates the options now rather than on the first request.
    private static Func<TenantPartitionKey, RateLimiter> Factory(FixedWindowRateLimiterOptions options) =>
        Validated(RateLimitPartition.GetFixedWindowLimiter(default(TenantPartitionKey), _ => Checked(options)).Factory);

    private static Func<TenantPartitionKey, RateLimiter> Factory(SlidingWindowRateLimiterOptions options) =>
        Validated(RateLimitPartition.GetSlidingWindowLimiter(default(TenantPartitionKey), _ => Checked(options)).Factory);

    private static Func<TenantPartitionKey, RateLimiter> Factory(TokenBucketRateLimiterOptions options) =>
        Validated(RateLimitPartition.GetTokenBucketLimiter(default(TenantPartitionKey), _ => Checked(options)).Factory);

    private static Func<TenantPartitionKey, RateLimiter> Factory(ConcurrencyLimiterOptions options) =>
        Validated(RateLimitPartition.GetConcurrencyLimiter(default(TenantPartitionKey), _ => Checked(options)).Factory);

    private static T Checked<T>(T options)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        return options;
    }

    private static Func<TenantPartitionKey, RateLimiter> Validated(Func<TenantPartitionKey, RateLimiter> factory)
    {
        factory(default).Dispose();
        return factory;
    }
}

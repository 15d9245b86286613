using System.Threading.RateLimiting;

namespace Tenancy.AspNetCore.RateLimiting;

/// <summary>
/// One configured limit (a fixed window, sliding window, token bucket or concurrency limit, or none), able to build
/// limiters for a share of it: the tenant-wide cap is the whole limit, a caller's share and the anonymous budget are
/// fractions of its permits (at least one).
/// </summary>
internal sealed class RateLimitSpec
{
    private readonly object? _options;

    private RateLimitSpec(object? options) => _options = options;

    public static RateLimitSpec Unlimited { get; } = new(null);

    public bool IsUnlimited => _options is null;

    public static RateLimitSpec Of(FixedWindowRateLimiterOptions options) => Checked(options);

    public static RateLimitSpec Of(SlidingWindowRateLimiterOptions options) => Checked(options);

    public static RateLimitSpec Of(TokenBucketRateLimiterOptions options) => Checked(options);

    public static RateLimitSpec Of(ConcurrencyLimiterOptions options) => Checked(options);

    /// <summary>A factory of limiters with <paramref name="share"/> of this limit's permits, or <see langword="null"/> for no limit.</summary>
    /// <typeparam name="TKey">The partition key type.</typeparam>
    /// <param name="share">The fraction, in (0, 1].</param>
    /// <returns>The factory.</returns>
    public Func<TKey, RateLimiter>? Factory<TKey>(double share)
    {
        // The partitioned limiter replenishes every partition from one timer, so the factories turn auto-replenishment
        // off, as RateLimitPartition does.
        switch (_options)
        {
            case FixedWindowRateLimiterOptions o:
                var fixedWindow = new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Scale(o.PermitLimit, share), Window = o.Window, QueueLimit = ScaleQueue(o.QueueLimit, share),
                    QueueProcessingOrder = o.QueueProcessingOrder,
                };
                return RateLimitPartition.GetFixedWindowLimiter(default(TKey)!, _ => fixedWindow).Factory;
            case SlidingWindowRateLimiterOptions o:
                var sliding = new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = Scale(o.PermitLimit, share), Window = o.Window, SegmentsPerWindow = o.SegmentsPerWindow,
                    QueueLimit = ScaleQueue(o.QueueLimit, share), QueueProcessingOrder = o.QueueProcessingOrder,
                };
                return RateLimitPartition.GetSlidingWindowLimiter(default(TKey)!, _ => sliding).Factory;
            case TokenBucketRateLimiterOptions o:
                var bucket = new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Scale(o.TokenLimit, share), TokensPerPeriod = Scale(o.TokensPerPeriod, share),
                    ReplenishmentPeriod = o.ReplenishmentPeriod, QueueLimit = ScaleQueue(o.QueueLimit, share),
                    QueueProcessingOrder = o.QueueProcessingOrder,
                };
                return RateLimitPartition.GetTokenBucketLimiter(default(TKey)!, _ => bucket).Factory;
            case ConcurrencyLimiterOptions o:
                var concurrency = new ConcurrencyLimiterOptions
                {
                    PermitLimit = Scale(o.PermitLimit, share), QueueLimit = ScaleQueue(o.QueueLimit, share), QueueProcessingOrder = o.QueueProcessingOrder,
                };
                return RateLimitPartition.GetConcurrencyLimiter(default(TKey)!, _ => concurrency).Factory;
            default:
                return null;
        }
    }

    private static int Scale(int permits, double share) => permits <= 0 ? permits : Math.Max(1, (int)Math.Ceiling(permits * share));

    private static int ScaleQueue(int queue, double share) => queue <= 0 ? queue : (int)Math.Ceiling(queue * share);

    // Building one limiter validates the options now rather than on the first request.
    private static RateLimitSpec Checked(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var spec = new RateLimitSpec(options);
        spec.Factory<TenantPartitionKey>(1)!(default).Dispose();
        return spec;
    }
}

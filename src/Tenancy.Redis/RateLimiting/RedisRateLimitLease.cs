using System.Threading.RateLimiting;

namespace Tenancy.Redis.RateLimiting;

/// <summary>The answer of the Redis limiter: acquired or not, with <c>Retry-After</c> metadata when refused.</summary>
internal sealed class RedisRateLimitLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
{
    public static readonly RedisRateLimitLease Acquired = new(true, null);

    public override bool IsAcquired => acquired;

    public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = wait;
            return true;
        }

        metadata = null;
        return false;
    }
}

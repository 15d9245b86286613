using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Tenancy.Redis.Diagnostics;

namespace Tenancy.Redis.RateLimiting;

/// <summary>
/// A <see cref="RateLimiter"/> whose state lives in Redis under one key, so that every instance of the application
/// counts against the same window or bucket. Each acquisition is one atomic script call. While Redis cannot be reached,
/// the configured <see cref="RedisUnavailablePolicy"/> applies: the in-process <c>fallback</c> limiter (fail open) or a
/// refusal (fail closed). Queueing is not supported: a refused request is refused at once with <c>Retry-After</c>.
/// </summary>
public sealed class RedisRateLimiter : RateLimiter
{
    private readonly RedisRateLimiterFactory _owner;
    private readonly RedisKey _key;
    private readonly LuaScript _script;
    private readonly Func<RedisKey, int, object> _arguments;
    private readonly RateLimiter _fallback;
    private readonly string _partition;
    private long _lastUsed;

    internal RedisRateLimiter(RedisRateLimiterFactory owner, string partition, RedisKey key, LuaScript script, Func<RedisKey, int, object> arguments, RateLimiter fallback)
    {
        _owner = owner;
        _partition = partition;
        _key = key;
        _script = script;
        _arguments = arguments;
        _fallback = fallback;
        _lastUsed = owner.Time.GetTimestamp();
    }

    /// <inheritdoc />
    public override TimeSpan? IdleDuration => _owner.Time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics() => _fallback.GetStatistics();

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        Interlocked.Exchange(ref _lastUsed, _owner.Time.GetTimestamp());
        if (permitCount == 0)
        {
            return RedisRateLimitLease.Acquired;
        }

        if (!_owner.IsConnected)
        {
            return WhenDown(permitCount, null);
        }

        try
        {
            var multiplexer = _owner.Connection.Current!;
            return Lease((RedisResult[])_script.Evaluate(multiplexer.GetDatabase(), _arguments(_key, permitCount))!);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return WhenDown(permitCount, ex);
        }
    }

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        Interlocked.Exchange(ref _lastUsed, _owner.Time.GetTimestamp());
        if (permitCount == 0)
        {
            return RedisRateLimitLease.Acquired;
        }

        try
        {
            var multiplexer = await _owner.Connection.GetAsync(cancellationToken).ConfigureAwait(false);
            if (!multiplexer.IsConnected)
            {
                return WhenDown(permitCount, null);
            }

            var result = await _script.EvaluateAsync(multiplexer.GetDatabase(), _arguments(_key, permitCount)).ConfigureAwait(false);
            return Lease((RedisResult[])result!);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return WhenDown(permitCount, ex);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fallback.Dispose();
        }

        base.Dispose(disposing);
    }

    private static RedisRateLimitLease Lease(RedisResult[] result) =>
        (long)result[0] == 1 ? RedisRateLimitLease.Acquired : new RedisRateLimitLease(false, TimeSpan.FromMilliseconds(Math.Max(1, (long)result[1])));

    private RateLimitLease WhenDown(int permitCount, Exception? error)
    {
        var policy = _owner.Options.WhenRedisIsDown;
        if (error is not null)
        {
            // Only failed calls are logged; while Redis is known to be away, requests take the policy without a call.
            Log.RateLimiterUnavailable(_owner.Logger, _partition, policy == RedisUnavailablePolicy.FailOpen ? "fail-open" : "fail-closed", error);
        }

        return policy == RedisUnavailablePolicy.FailOpen
            ? _fallback.AttemptAcquire(permitCount)
            : new RedisRateLimitLease(false, _owner.Options.RetryAfterWhenDown);
    }
}

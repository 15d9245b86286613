using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Tenancy.Billing.Diagnostics;
using Tenancy.Billing.Plans;
using Tenancy.Billing.Quotas;

namespace Tenancy.Billing.Redis;

/// <summary>
/// Counts in Redis, shared by every instance: one Lua script per consume checks and increments atomically (a refused
/// consume writes nothing); keys are per tenant, meter and period and expire after the period plus the retention.
/// With leasing, blocks of units are reserved atomically and handed out locally. While Redis is unreachable each meter
/// fails closed (refuse) or open (count locally, added to Redis by <see cref="ReconcileAsync"/> when it is back).
/// </summary>
internal sealed class RedisQuotaCounterStore(
    BillingRedisConnection connection,
    IOptions<BillingRedisOptions> options,
    BillingMetrics metrics,
    TimeProvider time,
    ILogger<RedisQuotaCounterStore>? logger = null) : QuotaCounterStore
{
    // KEYS[1] counter; ARGV: amount, cap, time to live (ms, 0 = never). Returns {granted 0/1, used}.
    private const string ConsumeScript = """
        local c = tonumber(redis.call('GET', KEYS[1]) or '0')
        local a = tonumber(ARGV[1])
        if c + a > tonumber(ARGV[2]) then return {0, c} end
        c = redis.call('INCRBY', KEYS[1], a)
        if ARGV[3] ~= '0' then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
        return {1, c}
        """;

    // KEYS[1] counter; ARGV: amount, cap, time to live, block. Takes between amount and block units, at most a quarter of
    // the room left (so leases shrink near the limit), never past the cap. Returns {taken, used after}.
    private const string LeaseScript = """
        local c = tonumber(redis.call('GET', KEYS[1]) or '0')
        local a = tonumber(ARGV[1])
        local room = tonumber(ARGV[2]) - c
        if room < a then return {0, c} end
        local take = math.max(a, math.min(tonumber(ARGV[4]), math.floor(room / 4)))
        c = redis.call('INCRBY', KEYS[1], take)
        if ARGV[3] ~= '0' then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
        return {take, c}
        """;

    // KEYS[1] counter; ARGV: delta (may be negative), time to live. Adds, never below zero. Returns the new value.
    private const string AddScript = """
        local c = tonumber(redis.call('GET', KEYS[1]) or '0') + tonumber(ARGV[1])
        if c < 0 then c = 0 end
        redis.call('SET', KEYS[1], c)
        if ARGV[2] ~= '0' then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return c
        """;

    private readonly BillingRedisOptions _options = options.Value;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly ConcurrentDictionary<QuotaPeriod, byte> _pending = new();

    /// <summary>Units counted locally and not yet in Redis.</summary>
    public long PendingUnits => _pending.Keys.Sum(p => Volatile.Read(ref p.Pending));

    public override async ValueTask<CounterOutcome> TryConsumeAsync(QuotaPeriod period, long amount, long cap, StoreFailurePolicy policy, CancellationToken cancellationToken)
    {
        var block = _options.LeaseBlockSize;
        if (block > 0 && TryTakeLease(period, amount))
        {
            return new CounterOutcome(QuotaDenialReason.None, Volatile.Read(ref period.Used) - Volatile.Read(ref period.Lease), Shared: false);
        }

        try
        {
            var db = (await connection.GetAsync().ConfigureAwait(false)).GetDatabase();
            if (block > 0)
            {
                var leased = (RedisResult[])(await db.ScriptEvaluateAsync(LeaseScript, [Key(period)], [amount, cap, TimeToLive(period), Math.Max(block, amount)]).ConfigureAwait(false))!;
                var taken = (long)leased[0];
                var after = (long)leased[1];
                if (taken == 0)
                {
                    Interlocked.Exchange(ref period.Used, after);
                    return new CounterOutcome(QuotaDenialReason.LimitReached, after);
                }

                Interlocked.Exchange(ref period.Used, after);
                if (taken > amount)
                {
                    Interlocked.Add(ref period.Lease, taken - amount);
                }

                return new CounterOutcome(QuotaDenialReason.None, after, Shared: true, Before: after - taken);
            }

            var result = (RedisResult[])(await db.ScriptEvaluateAsync(ConsumeScript, [Key(period)], [amount, cap, TimeToLive(period)]).ConfigureAwait(false))!;
            var used = (long)result[1];
            return (long)result[0] == 1
                ? new CounterOutcome(QuotaDenialReason.None, used)
                : new CounterOutcome(QuotaDenialReason.LimitReached, used);
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            metrics.RecordStoreError(ex, period.TenantId, period.Meter);
            Log.RedisUnavailable(_logger, period.Meter, period.TenantId, policy.ToString(), ex);
            if (policy == StoreFailurePolicy.FailClosed)
            {
                return new CounterOutcome(QuotaDenialReason.StoreUnavailable, Volatile.Read(ref period.Used));
            }

            Interlocked.Add(ref period.Pending, amount);
            _pending.TryAdd(period, 0);
            return new CounterOutcome(QuotaDenialReason.None, Volatile.Read(ref period.Used) + Volatile.Read(ref period.Pending), Shared: false);
        }
    }

    public override async ValueTask RefundAsync(QuotaPeriod period, long amount, CancellationToken cancellationToken)
    {
        if (_options.LeaseBlockSize > 0)
        {
            Interlocked.Add(ref period.Lease, amount); // the units go back to this instance's lease (still counted as reserved)
            return;
        }

        try
        {
            var db = (await connection.GetAsync().ConfigureAwait(false)).GetDatabase();
            await db.ScriptEvaluateAsync(AddScript, [Key(period)], [-amount, TimeToLive(period)]).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            metrics.RecordStoreError(ex, period.TenantId, period.Meter);
            Interlocked.Add(ref period.Pending, -amount);
            _pending.TryAdd(period, 0);
        }
    }

    public override async ValueTask<long> ReadAsync(QuotaPeriod period, CancellationToken cancellationToken)
    {
        var local = Volatile.Read(ref period.Pending) - Volatile.Read(ref period.Lease);
        try
        {
            var db = (await connection.GetAsync().ConfigureAwait(false)).GetDatabase();
            var value = await db.StringGetAsync(Key(period)).ConfigureAwait(false);
            return Math.Max(0, (value.IsNull ? 0 : (long)value) + local);
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            metrics.RecordStoreError(ex, period.TenantId, period.Meter);
            return Math.Max(0, Volatile.Read(ref period.Used) + local);
        }
    }

    public override async ValueTask<bool> TryClaimAlertAsync(QuotaPeriod period, int percent, CancellationToken cancellationToken)
    {
        var db = (await connection.GetAsync().ConfigureAwait(false)).GetDatabase();
        var key = Key(period) + ":alert:" + percent.ToString(CultureInfo.InvariantCulture);
        var ttl = period.EndTicks == long.MaxValue ? (TimeSpan?)null : period.End - time.GetUtcNow() + _options.Retention;
        return await db.StringSetAsync(key, 1, ttl is { } t && t > TimeSpan.Zero ? t : null, When.NotExists).ConfigureAwait(false);
    }

    public override bool CanReadPastPeriods => true;

    public override void Retire(QuotaPeriod period)
    {
        var unused = Interlocked.Exchange(ref period.Lease, 0);
        if (unused > 0)
        {
            Interlocked.Add(ref period.Pending, -unused); // give unused leased units back to the closed period
            _pending.TryAdd(period, 0);
        }
    }

    /// <summary>Adds what was counted locally to Redis. Returns the units moved; keeps what could not be moved for the next run.</summary>
    public async Task<long> ReconcileAsync(CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty)
        {
            return 0;
        }

        long moved = 0;
        var db = (await connection.GetAsync().ConfigureAwait(false)).GetDatabase();
        foreach (var period in _pending.Keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var delta = Interlocked.Exchange(ref period.Pending, 0);
            if (delta == 0)
            {
                _pending.TryRemove(period, out _);
                if (Volatile.Read(ref period.Pending) != 0)
                {
                    _pending.TryAdd(period, 0);
                }

                continue;
            }

            try
            {
                var after = (long)(await db.ScriptEvaluateAsync(AddScript, [Key(period)], [delta, TimeToLive(period)]).ConfigureAwait(false));
                Interlocked.Exchange(ref period.Used, after);
                moved += delta;
            }
            catch (Exception ex) when (IsOutage(ex))
            {
                Interlocked.Add(ref period.Pending, delta);
                throw;
            }
        }

        if (moved != 0)
        {
            Log.RedisReconciled(_logger, moved);
        }

        return moved;
    }

    internal static bool IsOutage(Exception ex) => ex is RedisConnectionException or RedisTimeoutException or TimeoutException
        || (ex is RedisServerException server && server.Message.StartsWith("LOADING", StringComparison.Ordinal));

    private bool TryTakeLease(QuotaPeriod period, long amount)
    {
        var lease = Volatile.Read(ref period.Lease);
        while (lease >= amount)
        {
            var seen = Interlocked.CompareExchange(ref period.Lease, lease - amount, lease);
            if (seen == lease)
            {
                return true;
            }

            lease = seen;
        }

        return false;
    }

    private string Key(QuotaPeriod period) => period.Key ??= string.Create(
        CultureInfo.InvariantCulture,
        $"{_options.KeyPrefix}q:{{{period.TenantId}}}:{period.Meter}:{period.Start.UtcDateTime:yyyyMMddHHmmss}");

    /// <summary>Milliseconds until the period ends plus the retention, from this instance's clock (so a test clock works too); 0 = keep.</summary>
    private long TimeToLive(QuotaPeriod period) =>
        period.EndTicks == long.MaxValue ? 0 : Math.Max(1, (long)(period.End + _options.Retention - time.GetUtcNow()).TotalMilliseconds);
}

using StackExchange.Redis;

namespace Tenancy.Redis.RateLimiting;

/// <summary>
/// The server-side limiters, run atomically by Redis (one script per request, so instances never race between read and
/// write). Both read the clock with <c>TIME</c> on the server, so the instances' clocks do not matter. Each returns
/// <c>{admitted (0/1), retry-after in ms}</c>.
/// </summary>
internal static class RedisLimitScripts
{
    /// <summary>Fixed window. KEYS[1] counter; ARGV: permit limit, window ms, permits requested. Refused requests are not counted.</summary>
    public static readonly LuaScript FixedWindow = LuaScript.Prepare("""
        local count = redis.call('INCRBY', @key, @requested)
        local ttl = redis.call('PTTL', @key)
        if ttl < 0 then
          redis.call('PEXPIRE', @key, @window)
          ttl = tonumber(@window)
        end
        if count > tonumber(@limit) then
          redis.call('DECRBY', @key, @requested)
          return {0, ttl}
        end
        return {1, 0}
        """);

    /// <summary>Token bucket. KEYS[1] hash {tokens, ts}; ARGV: capacity, tokens per period, period ms, tokens requested.</summary>
    public static readonly LuaScript TokenBucket = LuaScript.Prepare("""
        local capacity = tonumber(@capacity)
        local per = tonumber(@per)
        local period = tonumber(@period)
        local requested = tonumber(@requested)
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local state = redis.call('HMGET', @key, 'tokens', 'ts')
        local tokens = tonumber(state[1])
        local ts = tonumber(state[2])
        if tokens == nil or ts == nil then
          tokens = capacity
          ts = now
        end
        local periods = math.floor((now - ts) / period)
        if periods > 0 then
          tokens = math.min(capacity, tokens + periods * per)
          ts = ts + periods * period
        end
        local admitted = 0
        local wait = 0
        if tokens >= requested then
          tokens = tokens - requested
          admitted = 1
        else
          wait = math.ceil((requested - tokens) / per) * period - (now - ts)
        end
        redis.call('HSET', @key, 'tokens', tokens, 'ts', ts)
        redis.call('PEXPIRE', @key, (math.ceil(capacity / per) + 1) * period)
        return {admitted, wait}
        """);
}

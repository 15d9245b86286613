using StackExchange.Redis;
using Tenancy.Idempotency;
using Tenancy.Redis.Connection;

namespace Tenancy.Redis.Idempotency;

/// <summary>Idempotency claims in Redis: <c>SET key token NX PX expiry</c>; released only by its owner (compare-and-delete script).</summary>
internal sealed class RedisIdempotencyClaims(TenancyRedisConnection connection) : IIdempotencyClaims
{
    private const string Release = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    public async ValueTask<IAsyncDisposable?> TryClaimAsync(string key, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(expiry, TimeSpan.Zero);
        var multiplexer = await connection.GetAsync(cancellationToken).ConfigureAwait(false);
        var database = multiplexer.GetDatabase();
        RedisKey redisKey = connection.Options.Prefix + "idempotency:" + key;
        var token = Guid.NewGuid().ToString("N");
        var claimed = await database.StringSetAsync(redisKey, token, expiry, When.NotExists).ConfigureAwait(false);
        return claimed ? new Claim(database, redisKey, token) : null;
    }

    private sealed class Claim(IDatabase database, RedisKey key, string token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await database.ScriptEvaluateAsync(Release, [key], [token]).ConfigureAwait(false);
    }
}

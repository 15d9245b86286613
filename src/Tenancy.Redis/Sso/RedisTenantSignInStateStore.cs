using System.Text.Json;
using StackExchange.Redis;
using Tenancy.Redis.Connection;
using Tenancy.Sso;

namespace Tenancy.Redis.Sso;

/// <summary>
/// Pending sign-ins in Redis, shared by every instance: written with <c>SET … NX PX</c> (expiring with the sign-in) and taken
/// with <c>GETDEL</c>, so a callback is answered on whichever instance it reaches and a replayed <c>state</c> finds nothing
/// on any of them — of two concurrent callbacks with one <c>state</c>, exactly one gets the sign-in.
/// </summary>
internal sealed class RedisTenantSignInStateStore(TenancyRedisConnection connection, TimeProvider time) : ITenantSignInStateStore
{
    private const int MaxStateLength = 200;

    public async Task SaveAsync(string state, TenantSignInState value, CancellationToken cancellationToken = default)
    {
        ValidateState(state);
        ArgumentNullException.ThrowIfNull(value);
        var lifetime = value.ExpiresAt - time.GetUtcNow();
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("The sign-in has already expired.", nameof(value));
        }

        var database = (await connection.GetAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        var json = JsonSerializer.SerializeToUtf8Bytes(value, RedisSsoJsonContext.Default.TenantSignInState);
        if (!await database.StringSetAsync(Key(state), json, lifetime, When.NotExists).ConfigureAwait(false))
        {
            throw new InvalidOperationException("A pending sign-in with this state value already exists.");
        }
    }

    public async Task<TenantSignInState?> TakeAsync(string state, CancellationToken cancellationToken = default)
    {
        ValidateState(state);
        var database = (await connection.GetAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        var stored = await database.StringGetDeleteAsync(Key(state)).ConfigureAwait(false);
        if (stored.IsNullOrEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize((byte[])stored!, RedisSsoJsonContext.Default.TenantSignInState);
        }
        catch (JsonException)
        {
            return null; // not written by this store: never a sign-in
        }
    }

    private RedisKey Key(string state) => connection.Options.Prefix + "signin:" + state;

    private static void ValidateState(string state)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(state.Length, MaxStateLength, nameof(state));
    }
}

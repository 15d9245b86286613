using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Tenancy.Billing.Payments;

namespace Tenancy.Billing.Redis;

/// <summary>Processed Stripe event ids in Redis (<c>SET NX</c>, kept 30 days), so each event is processed at most once across instances.</summary>
internal sealed class RedisStripeEventLedger(BillingRedisConnection connection, IOptions<BillingRedisOptions> options) : IStripeEventLedger
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(30);

    public async ValueTask<bool> TryClaimAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        var db = (await connection.GetAsync().ConfigureAwait(false)).GetDatabase();
        return await db.StringSetAsync(Key(eventId), 1, Keep, When.NotExists).ConfigureAwait(false);
    }

    public async ValueTask ReleaseAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        var db = (await connection.GetAsync().ConfigureAwait(false)).GetDatabase();
        await db.KeyDeleteAsync(Key(eventId)).ConfigureAwait(false);
    }

    private RedisKey Key(string eventId) => options.Value.KeyPrefix + "stripe:event:" + eventId;
}

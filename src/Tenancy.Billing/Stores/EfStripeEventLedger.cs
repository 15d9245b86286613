using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Billing.Payments;
using Tenancy.EntityFramework;

namespace Tenancy.Billing.Stores;

/// <summary>
/// Processed Stripe event ids in the host's database: claiming inserts the id (its primary key); a conflicting insert
/// means another delivery, on this or another instance, claimed it first.
/// </summary>
internal sealed class EfStripeEventLedger<TContext>(IServiceScopeFactory scopes, TimeProvider time) : IStripeEventLedger
    where TContext : DbContext, ITenantDbContext
{
    public async ValueTask<bool> TryClaimAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<TContext>();
        db.Add(new StripeEventRecord { EventId = eventId, ProcessedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.Set<StripeEventRecord>().AnyAsync(e => e.EventId == eventId, cancellationToken).ConfigureAwait(false))
            {
                return false; // the unique key refused a second claim
            }

            throw;
        }
    }

    public async ValueTask ReleaseAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<TContext>();
        await db.Set<StripeEventRecord>().Where(e => e.EventId == eventId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}

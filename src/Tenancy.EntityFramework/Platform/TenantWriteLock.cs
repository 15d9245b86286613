using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework.Infrastructure;

namespace Tenancy.EntityFramework.Platform;

/// <summary>
/// Serialises writers of one tenant's rows inside a transaction: on PostgreSQL a transaction-scoped advisory lock on
/// the tenant (and purpose); on SQLite the transaction itself (<c>BEGIN IMMEDIATE</c> takes the database write lock).
/// </summary>
internal static class TenantWriteLock
{
    public static async Task AcquireAsync(DbContext db, string purpose, string tenantId, CancellationToken cancellationToken)
    {
        if (DatabaseProvider.IsPostgreSql(db.Database))
        {
            var key = purpose + ":" + tenantId;
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken).ConfigureAwait(false);
        }
    }
}

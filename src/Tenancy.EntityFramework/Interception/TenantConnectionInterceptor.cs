using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tenancy.EntityFramework.Interception;

/// <summary>Database-per-tenant: points the context's connection at the current tenant's database before it opens.</summary>
internal sealed class TenantConnectionInterceptor(TenancyDbContextOptions options) : DbConnectionInterceptor
{
    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Point(connection, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Point(connection, eventData);
        return ValueTask.FromResult(result);
    }

    private void Point(DbConnection connection, ConnectionEventData eventData)
    {
        var currentTenant = eventData.Context is TenantDbContext context ? context.CurrentTenant : options.CurrentTenant;
        var tenant = currentTenant.Tenant ?? throw new TenantNotResolvedException("No tenant is set: the tenant's database is unknown.");
        var connectionString = options.ConnectionStringSelector!(tenant);
        if (connection.State == ConnectionState.Closed && !string.Equals(connection.ConnectionString, connectionString, StringComparison.Ordinal))
        {
            connection.ConnectionString = connectionString;
        }
    }
}

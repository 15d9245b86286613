using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tenancy.EntityFramework.Interception;

/// <summary>
/// Schema- and database-per-tenant: a context's schema (its model) and an open connection's database belong to one
/// tenant. Database-per-tenant points the connection at the current tenant's database each time it opens; before every
/// command (queries, saves, <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>, raw SQL) this interceptor refuses to run when the
/// current tenant is not the one the schema or the open connection belongs to, so a context created under one tenant
/// never reads or writes that tenant's data with another tenant's id.
/// </summary>
internal sealed class TenantBindingInterceptor(TenancyDbContextOptions options) : DbCommandInterceptor, IDbConnectionInterceptor
{
    public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Point(connection, eventData);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Point(connection, eventData);
        return ValueTask.FromResult(result);
    }

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Remember(eventData);

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Remember(eventData);
        return Task.CompletedTask;
    }

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Forget(eventData);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Checked(eventData, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Checked(eventData, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Checked(eventData, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Checked(eventData, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Checked(eventData, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Checked(eventData, result));

    /// <summary>Refuses when the current tenant is not the one the context's schema or open connection belongs to.</summary>
    internal static void Check(DbContext context, TenancyDbContextState tenancy)
    {
        var current = tenancy.CurrentTenant.Id;
        if (tenancy.SchemaTenantId is { } schemaTenant && !string.Equals(schemaTenant, current, StringComparison.Ordinal))
        {
            throw Refuse(context, tenancy, $"was created for tenant '{schemaTenant}' (schema '{tenancy.TenantSchema}')", current);
        }

        if (tenancy.Options.ConnectionStringSelector is not null
            && tenancy.ConnectionTenantId is { } connectionTenant
            && !string.Equals(connectionTenant, current, StringComparison.Ordinal))
        {
            throw Refuse(context, tenancy, $"has a connection open to the database of tenant '{connectionTenant}'", current);
        }
    }

    private static TenantMismatchException Refuse(DbContext context, TenancyDbContextState tenancy, string binding, string? current)
    {
        tenancy.Metrics?.WriteRefused(current, "other-tenant");
        return new TenantMismatchException(
            $"{context.GetType().Name} {binding} but the current tenant is {(current is null ? "none" : $"'{current}'")}: "
            + "nothing was read or written. Create (or rent) the context inside the tenant's scope, and close its connection before switching tenants.");
    }

    /// <summary>Checks the binding before a command runs, then lets the command go on with <paramref name="result"/>.</summary>
    private static T Checked<T>(CommandEventData eventData, T result)
    {
        if (TenancyDbContextState.Of(eventData.Context) is { } tenancy)
        {
            Check(eventData.Context!, tenancy);
        }

        return result;
    }

    private static void Remember(ConnectionEndEventData eventData)
    {
        if (TenancyDbContextState.Of(eventData.Context) is { } tenancy)
        {
            tenancy.ConnectionTenantId = tenancy.CurrentTenant.Id;
        }
    }

    private static void Forget(ConnectionEndEventData eventData)
    {
        if (TenancyDbContextState.Of(eventData.Context) is { } tenancy)
        {
            tenancy.ConnectionTenantId = null;
        }
    }

    private void Point(DbConnection connection, ConnectionEventData eventData)
    {
        if (options.ConnectionStringSelector is not { } selector)
        {
            return;
        }

        var currentTenant = TenancyDbContextState.Of(eventData.Context)?.CurrentTenant ?? options.CurrentTenant;
        var tenant = currentTenant.Tenant ?? throw new TenantNotResolvedException("No tenant is set: the tenant's database is unknown.");
        var connectionString = selector(tenant);
        if (connection.State == ConnectionState.Closed && !string.Equals(connection.ConnectionString, connectionString, StringComparison.Ordinal))
        {
            connection.ConnectionString = connectionString;
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tenancy.EntityFramework.Interception;
using Tenancy.Stores;

namespace Tenancy.EntityFramework.Provisioning;

/// <summary>
/// Creates and migrates tenants' databases (database-per-tenant) or schemas (schema-per-tenant). With EF Core
/// migrations in the context's assembly it applies them (<c>MigrateAsync</c>); without, it creates the schema from the
/// model (<c>EnsureCreated</c> for a database; <c>CREATE SCHEMA</c> + create tables for a schema that has none).
/// </summary>
/// <typeparam name="TContext">The tenant context.</typeparam>
public sealed class TenantDatabaseProvisioner<TContext>
    where TContext : DbContext, ITenantDbContext
{
    private readonly Func<TContext> _createContext;
    private readonly ILogger _logger;

    /// <summary>Creates the provisioner.</summary>
    /// <param name="createContext">Creates a context for the current tenant (a non-pooled factory for schema-per-tenant).</param>
    /// <param name="logger">The logger.</param>
    public TenantDatabaseProvisioner(Func<TContext> createContext, ILogger<TenantDatabaseProvisioner<TContext>>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(createContext);
        _createContext = createContext;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Creates and migrates one tenant's database or schema, then runs <paramref name="seed"/> with the tenant current.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="seed">Adds the tenant's initial rows (saved by the caller's delegate), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The result (failures are reported, not thrown).</returns>
    public async Task<TenantProvisioningResult> ProvisionAsync(TenantInfo tenant, Func<TContext, CancellationToken, Task>? seed = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return await RunAsync(tenant, seed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Migrates every tenant of <paramref name="tenants"/>, at most <paramref name="maxParallelism"/> at a time.</summary>
    /// <param name="tenants">The tenants.</param>
    /// <param name="maxParallelism">How many tenants at once (1 or more).</param>
    /// <param name="progress">Told after each tenant, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the run (tenants already done stay done).</param>
    /// <returns>One result per tenant, in the order given.</returns>
    public async Task<IReadOnlyList<TenantProvisioningResult>> MigrateAllAsync(
        IEnumerable<TenantInfo> tenants,
        int maxParallelism = 4,
        IProgress<TenantProvisioningProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        var list = tenants.ToArray();
        var results = new TenantProvisioningResult[list.Length];
        var completed = 0;
        var failed = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, list.Length),
            new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var result = await RunAsync(list[i], null, ct).ConfigureAwait(false);
                results[i] = result;
                var failures = result.Succeeded ? Volatile.Read(ref failed) : Interlocked.Increment(ref failed);
                progress?.Report(new TenantProvisioningProgress(Interlocked.Increment(ref completed), list.Length, failures, result));
            }).ConfigureAwait(false);
        return results;
    }

    /// <summary>Migrates every tenant of <paramref name="store"/>, page by page.</summary>
    /// <param name="store">The tenant store.</param>
    /// <param name="maxParallelism">How many tenants at once.</param>
    /// <param name="progress">Told after each tenant, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One result per tenant, ordered by id.</returns>
    public async Task<IReadOnlyList<TenantProvisioningResult>> MigrateAllAsync(
        ITenantStore store,
        int maxParallelism = 4,
        IProgress<TenantProvisioningProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var tenants = new List<TenantInfo>();
        string? token = null;
        do
        {
            var page = await store.ListAsync(new TenantPageRequest(TenantPageRequest.MaxPageSize, token), cancellationToken).ConfigureAwait(false);
            tenants.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return await MigrateAllAsync(tenants, maxParallelism, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TenantProvisioningResult> RunAsync(TenantInfo tenant, Func<TContext, CancellationToken, Task>? seed, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = TenancyEntityFrameworkTelemetry.Start("tenancy.ef.provision", tenant.Id);
        using var scope = AmbientCurrentTenant.Instance.Begin(tenant);
        try
        {
            var context = _createContext();
            await using (context.ConfigureAwait(false))
            {
                using var tenantScope = context.Tenancy.CurrentTenant.Begin(tenant);
                if (context.Tenancy.Options.ConnectionStringSelector is { } connectionString)
                {
                    context.Database.SetConnectionString(connectionString(tenant));
                }

                var (action, applied) = await MigrateAsync(context, cancellationToken).ConfigureAwait(false);
                if (seed is not null)
                {
                    await seed(context, cancellationToken).ConfigureAwait(false);
                }

                var elapsed = Stopwatch.GetElapsedTime(started);
                TenancyLog.TenantOperationSucceeded(_logger, tenant.Id, action, (long)elapsed.TotalMilliseconds);
                return new TenantProvisioningResult(tenant.Id, true, action, applied, elapsed, null);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            TenancyLog.TenantOperationFailed(_logger, exception, tenant.Id, "provisioning");
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            return new TenantProvisioningResult(tenant.Id, false, "failed", [], Stopwatch.GetElapsedTime(started), exception);
        }
    }

    private static async Task<(string Action, IReadOnlyList<string> Applied)> MigrateAsync(TContext context, CancellationToken cancellationToken)
    {
        var database = context.Database;
        if (database.GetMigrations().Any())
        {
            var pending = (await database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToArray();
            if (pending.Length == 0)
            {
                return ("up-to-date", []);
            }

            await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return ("migrated", pending);
        }

        if (context.Tenancy.TenantSchema is { } schema)
        {
            return (await EnsureSchemaAsync(context, schema, cancellationToken).ConfigureAwait(false) ? "created" : "up-to-date", []);
        }

        return (await database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false) ? "created" : "up-to-date", []);
    }

    private static async Task<bool> EnsureSchemaAsync(TContext context, string schema, CancellationToken cancellationToken)
    {
        var creator = context.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            await creator.CreateAsync(cancellationToken).ConfigureAwait(false);
        }

        var sql = context.GetService<ISqlGenerationHelper>();
        var table = context.Model.GetEntityTypes().Select(t => t.GetTableName()).First(t => t is not null)!;
        var exists = await context.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = {0} AND table_name = {1}", schema, table)
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        if (exists > 0)
        {
            return false;
        }

#pragma warning disable EF1002 // The schema name is quoted by the provider's SQL helper.
        await context.Database.ExecuteSqlRawAsync($"CREATE SCHEMA IF NOT EXISTS {sql.DelimitIdentifier(schema)}", cancellationToken).ConfigureAwait(false);
#pragma warning restore EF1002
        await creator.CreateTablesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}

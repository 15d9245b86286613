using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework.Data;
using Tenancy.EntityFramework.Provisioning;
using Tenancy.Lifecycle;

namespace Tenancy.EntityFramework.Lifecycle;

/// <summary>
/// The lifecycle step of one tenant-aware context (a <see cref="TenantDbContext"/> or any context that implements
/// <see cref="ITenantDbContext"/>, such as an <c>IdentityDbContext</c>): provisions with <see cref="TenantDatabaseProvisioner{TContext}"/>
/// (when asked), exports with <c>ExportTenantDataAsync</c> into <c>data/&lt;context&gt;.json</c> and deletes with
/// <c>DeleteTenantDataAsync</c> (one transaction; rerunning deletes what is left). Added by <c>AddTenantDataLifecycle&lt;TContext&gt;()</c>.
/// </summary>
/// <typeparam name="TContext">The context.</typeparam>
public sealed class TenantDataLifecycleStep<TContext> : TenantLifecycleStep
    where TContext : DbContext, ITenantDbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly bool _provision;
    private readonly Func<TContext, CancellationToken, Task>? _seed;

    /// <summary>Creates the step.</summary>
    /// <param name="contexts">Creates contexts.</param>
    /// <param name="provision">Whether onboarding provisions (schema or database per tenant, migrations) and seeds.</param>
    /// <param name="seed">Seeds a new tenant's rows, or <see langword="null"/>.</param>
    public TenantDataLifecycleStep(IDbContextFactory<TContext> contexts, bool provision = false, Func<TContext, CancellationToken, Task>? seed = null)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
        _provision = provision;
        _seed = seed;
    }

    /// <inheritdoc />
    public override string Name => "ef." + typeof(TContext).Name;

    /// <inheritdoc />
    public override int Order => 100;

    /// <inheritdoc />
    public override bool Handles(TenantLifecycleStage stage) => stage switch
    {
        TenantLifecycleStage.Provision => _provision,
        TenantLifecycleStage.Export or TenantLifecycleStage.DeleteData => true,
        _ => false,
    };

    /// <inheritdoc />
    public override string Describe(TenantLifecycleStage stage, TenantInfo tenant) => stage switch
    {
        TenantLifecycleStage.Provision => $"Provision {typeof(TContext).Name} for tenant '{tenant?.Id}'{(_seed is null ? string.Empty : " and seed it")}.",
        TenantLifecycleStage.Export => $"Export every {typeof(TContext).Name} row of tenant '{tenant?.Id}' to data/{typeof(TContext).Name}.json.",
        _ => $"Delete every {typeof(TContext).Name} row of tenant '{tenant?.Id}'.",
    };

    /// <inheritdoc />
    public override async Task RunAsync(TenantLifecycleStage stage, TenantLifecycleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (stage)
        {
            case TenantLifecycleStage.Provision:
                var provisioner = new TenantDatabaseProvisioner<TContext>(() => _contexts.CreateDbContext());
                var result = await provisioner.ProvisionAsync(context.Tenant, _seed, cancellationToken).ConfigureAwait(false);
                if (result.Error is { } error)
                {
                    throw new TenancyException($"Provisioning {typeof(TContext).Name} for tenant '{context.Tenant.Id}' failed.", error);
                }

                break;
            case TenantLifecycleStage.Export when context.Archive is { } archive:
                await archive.AddAsync($"data/{typeof(TContext).Name}.json", async (stream, ct) =>
                {
                    await using var db = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
                    await db.ExportTenantDataAsync(context.Tenant, stream, ct).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
                break;
            case TenantLifecycleStage.DeleteData:
                await using (var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
                {
                    await db.DeleteTenantDataAsync(context.Tenant, cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }
}

using Tenancy.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tenancy.Audit;
using Tenancy.Stores;

namespace Tenancy.Lifecycle;

/// <summary>
/// Onboards and offboards tenants across every registered package. Onboarding: create the tenant <see cref="TenantStatus.Pending"/>
/// → every <see cref="TenantLifecycleStage.Provision"/> step → <see cref="TenantStatus.Active"/>. Offboarding:
/// <see cref="TenantStatus.Suspended"/> → (grace period) → one export archive → revoke credentials → delete data in every
/// package → <see cref="TenantStatus.Archived"/> or removed. Tenant writes go through the writable store, which publishes
/// them (<c>ITenantChangeNotifier</c>), so caches, per-tenant options and rate-limit partitions are scrubbed. Every finished
/// step is journaled before the next begins: rerunning after a crash or a failed step resumes after the last finished one.
/// The audit log (when registered) records each step; it is kept after offboarding as the record of it.
/// </summary>
public sealed class TenantLifecycleOrchestrator
{
    /// <summary>The journal's operation name for onboarding.</summary>
    public const string Onboard = "onboard";

    /// <summary>The journal's operation name for offboarding.</summary>
    public const string Offboard = "offboard";

    private readonly IWritableTenantStore _tenants;
    private readonly IReadOnlyList<TenantLifecycleStep> _steps;
    private readonly ITenantLifecycleJournal _journal;
    private readonly ICurrentTenant _currentTenant;
    private readonly TimeProvider _time;
    private readonly IAuditLog? _audit;
    private readonly ILogger _logger;

    /// <summary>Creates the orchestrator.</summary>
    /// <param name="tenants">The writable tenant store.</param>
    /// <param name="steps">The steps every package and the host registered.</param>
    /// <param name="journal">The journal.</param>
    /// <param name="currentTenant">The ambient tenant, set while steps run.</param>
    /// <param name="time">The clock.</param>
    /// <param name="audit">The audit log, or <see langword="null"/>.</param>
    /// <param name="logger">The logger.</param>
    public TenantLifecycleOrchestrator(
        IWritableTenantStore tenants,
        IEnumerable<TenantLifecycleStep> steps,
        ITenantLifecycleJournal journal,
        ICurrentTenant currentTenant,
        TimeProvider? time = null,
        IAuditLog? audit = null,
        ILogger<TenantLifecycleOrchestrator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(currentTenant);
        _tenants = tenants;
        _steps = steps.ToArray();
        var duplicate = _steps.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new TenancyConfigurationException($"Two lifecycle steps are named '{duplicate.Key}': step names must be unique.");
        }

        _journal = journal;
        _currentTenant = currentTenant;
        _time = time ?? TimeProvider.System;
        _audit = audit;
        _logger = logger ?? NullLogger<TenantLifecycleOrchestrator>.Instance;
    }

    /// <summary>The registered steps of a stage, in order.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The steps.</returns>
    public IReadOnlyList<TenantLifecycleStep> StepsOf(TenantLifecycleStage stage) =>
        _steps.Where(s => s.Handles(stage)).OrderBy(s => s.Order).ThenBy(s => s.Name, StringComparer.Ordinal).ToArray();

    /// <summary>Onboards <paramref name="tenant"/> (or resumes its onboarding).</summary>
    /// <param name="tenant">The tenant to create (validated by <see cref="TenantInfo"/>; its status is managed here).</param>
    /// <param name="dryRun">List what would happen without changing anything.</param>
    /// <param name="progress">Receives a report after each step.</param>
    /// <param name="cancellationToken">Cancels the run (it resumes on the next call).</param>
    /// <returns>The report.</returns>
    public async Task<TenantLifecycleReport> OnboardAsync(TenantInfo tenant, bool dryRun = false, IProgress<TenantLifecycleStepReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var run = await Run.StartAsync(this, tenant.Id, Onboard, dryRun, progress, cancellationToken).ConfigureAwait(false);
        var current = await _tenants.FindByIdAsync(tenant.Id, cancellationToken).ConfigureAwait(false);
        if (current is not null && !run.Done.ContainsKey("tenant:create"))
        {
            throw new DuplicateTenantException($"A tenant with id '{tenant.Id}' already exists.");
        }

        await run.StepAsync("tenant:create", $"Create tenant '{tenant.Id}' as Pending.", async ct =>
        {
            if (await _tenants.FindByIdAsync(tenant.Id, ct).ConfigureAwait(false) is null)
            {
                await _tenants.AddAsync(tenant with { Status = TenantStatus.Pending }, ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        var pending = dryRun ? tenant with { Status = TenantStatus.Pending } : await RequireAsync(tenant.Id, cancellationToken).ConfigureAwait(false);
        foreach (var step in StepsOf(TenantLifecycleStage.Provision))
        {
            await run.StepAsync("provision:" + step.Name, step.Describe(TenantLifecycleStage.Provision, pending), ct => RunStepAsync(step, TenantLifecycleStage.Provision, new(pending, null), ct)).ConfigureAwait(false);
        }

        await run.StepAsync("tenant:activate", $"Set tenant '{tenant.Id}' Active.", async ct =>
        {
            var latest = await RequireAsync(tenant.Id, ct).ConfigureAwait(false);
            if (latest.Status != TenantStatus.Active)
            {
                await _tenants.UpdateAsync(latest with { Status = TenantStatus.Active }, ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        return run.Report(finished: true);
    }

    /// <summary>Offboards a tenant (or resumes its offboarding). Call again after the grace period to finish.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="options">Grace period, export destination, removal, dry run and progress.</param>
    /// <param name="cancellationToken">Cancels the run (it resumes on the next call).</param>
    /// <returns>The report; <see cref="TenantLifecycleReport.Finished"/> is false while the grace period runs.</returns>
    public async Task<TenantLifecycleReport> OffboardAsync(string tenantId, TenantOffboardingOptions? options = null, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        options ??= new TenantOffboardingOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.GracePeriod, TimeSpan.Zero, nameof(options));
        var run = await Run.StartAsync(this, tenantId, Offboard, options.DryRun, options.Progress, cancellationToken).ConfigureAwait(false);
        var finalKey = options.RemoveTenant ? "tenant:remove" : "tenant:archive";
        if (run.Done.ContainsKey("tenant:remove") || run.Done.ContainsKey("tenant:archive"))
        {
            run.Skip(finalKey, "Offboarding finished earlier.");
            return run.Report(finished: true);
        }

        var tenant = await RequireAsync(tenantId, cancellationToken).ConfigureAwait(false);
        await run.StepAsync("tenant:suspend", $"Suspend tenant '{tenantId}' (requests refused, data kept).", async ct =>
        {
            var latest = await RequireAsync(tenantId, ct).ConfigureAwait(false);
            if (latest.Status != TenantStatus.Suspended)
            {
                await _tenants.UpdateAsync(latest with { Status = TenantStatus.Suspended }, ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        var suspendedAt = run.Done.TryGetValue("tenant:suspend", out var at) ? at : _time.GetUtcNow();
        if (_time.GetUtcNow() < suspendedAt + options.GracePeriod)
        {
            run.Skip("grace", $"Waiting until {suspendedAt + options.GracePeriod:O} (grace period) before export and deletion.", "waiting");
            return run.Report(finished: false);
        }

        if (options.ExportTo is { } open)
        {
            await run.StepAsync("export:archive", $"Export tenant '{tenantId}' ({string.Join(", ", StepsOf(TenantLifecycleStage.Export).Select(s => s.Name))}) to one zip archive.", async ct =>
            {
                var destination = await open(ct).ConfigureAwait(false);
                await using (destination.ConfigureAwait(false))
                {
                    await ExportAsync(tenant, destination, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }

        foreach (var stage in new[] { TenantLifecycleStage.RevokeCredentials, TenantLifecycleStage.DeleteData })
        {
            foreach (var step in StepsOf(stage))
            {
                var prefix = stage == TenantLifecycleStage.RevokeCredentials ? "revoke:" : "delete:";
                await run.StepAsync(prefix + step.Name, step.Describe(stage, tenant), ct => RunStepAsync(step, stage, new(tenant, null), ct)).ConfigureAwait(false);
            }
        }

        await run.StepAsync(finalKey, options.RemoveTenant ? $"Remove tenant '{tenantId}' from the store." : $"Set tenant '{tenantId}' Archived.", async ct =>
        {
            if (options.RemoveTenant)
            {
                await _tenants.RemoveAsync(tenantId, ct).ConfigureAwait(false);
            }
            else if (await _tenants.FindByIdAsync(tenantId, ct).ConfigureAwait(false) is { Status: not TenantStatus.Archived } latest)
            {
                await _tenants.UpdateAsync(latest with { Status = TenantStatus.Archived }, ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        return run.Report(finished: true);
    }

    /// <summary>Writes one tenant's export archive (every <see cref="TenantLifecycleStage.Export"/> step, then the manifest) to <paramref name="destination"/>.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="destination">The stream (left open).</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The entries written (name, size, SHA-256).</returns>
    public async Task<IReadOnlyList<(string Name, long Size, string Sha256)>> ExportAsync(string tenantId, Stream destination, CancellationToken cancellationToken = default)
    {
        var tenant = await RequireAsync(TenantId.Validate(tenantId), cancellationToken).ConfigureAwait(false);
        return await ExportAsync(tenant, destination, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<(string Name, long Size, string Sha256)>> ExportAsync(TenantInfo tenant, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var archive = new TenantExportArchive(destination, tenant.Id, _time.GetUtcNow());
        await using (archive.ConfigureAwait(false))
        {
            foreach (var step in StepsOf(TenantLifecycleStage.Export))
            {
                await RunStepAsync(step, TenantLifecycleStage.Export, new(tenant, archive), cancellationToken).ConfigureAwait(false);
            }
        }

        return archive.Entries;
    }

    private async Task RunStepAsync(TenantLifecycleStep step, TenantLifecycleStage stage, TenantLifecycleContext context, CancellationToken cancellationToken)
    {
        using (_currentTenant.Begin(context.Tenant))
        {
            await step.RunAsync(stage, context, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TenantInfo> RequireAsync(string tenantId, CancellationToken cancellationToken) =>
        await _tenants.FindByIdAsync(tenantId, cancellationToken).ConfigureAwait(false)
        ?? throw new TenantNotFoundException($"Tenant '{tenantId}' does not exist.");

    private sealed class Run(TenantLifecycleOrchestrator owner, string tenantId, string operation, bool dryRun, IProgress<TenantLifecycleStepReport>? progress, Dictionary<string, DateTimeOffset> done, CancellationToken cancellationToken)
    {
        private readonly List<TenantLifecycleStepReport> _steps = [];

        public Dictionary<string, DateTimeOffset> Done { get; } = done;

        public static async Task<Run> StartAsync(TenantLifecycleOrchestrator owner, string tenantId, string operation, bool dryRun, IProgress<TenantLifecycleStepReport>? progress, CancellationToken cancellationToken)
        {
            var done = await owner._journal.GetCompletedAsync(tenantId, operation, cancellationToken).ConfigureAwait(false);
            return new Run(owner, tenantId, operation, dryRun, progress, new Dictionary<string, DateTimeOffset>(done, StringComparer.Ordinal), cancellationToken);
        }

        public async Task StepAsync(string key, string description, Func<CancellationToken, Task> work)
        {
            if (Done.ContainsKey(key))
            {
                Add(new(key, description, "already-done"));
                return;
            }

            if (dryRun)
            {
                Add(new(key, description, "would-run"));
                return;
            }

            try
            {
                await work(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.LifecycleStepFailed(owner._logger, key, operation, tenantId, ex);
                await AuditAsync(key, AuditOutcome.Failure).ConfigureAwait(false);
                throw;
            }

            var now = owner._time.GetUtcNow();
            await owner._journal.MarkCompletedAsync(tenantId, operation, key, now, cancellationToken).ConfigureAwait(false);
            Done[key] = now;
            Log.LifecycleStepDone(owner._logger, key, operation, tenantId);
            await AuditAsync(key, AuditOutcome.Success).ConfigureAwait(false);
            Add(new(key, description, "done"));
        }

        public void Skip(string key, string description, string outcome = "already-done") => Add(new(key, description, outcome));

        public TenantLifecycleReport Report(bool finished) => new(tenantId, operation, _steps, finished && !dryRun);

        private void Add(TenantLifecycleStepReport report)
        {
            _steps.Add(report);
            progress?.Report(report);
        }

        private async Task AuditAsync(string key, AuditOutcome outcome)
        {
            if (owner._audit is null || key == "tenant:remove")
            {
                return;
            }

            try
            {
                await owner._audit.WriteAsync(tenantId, new AuditEvent("lifecycle." + operation, key, outcome) { ActorKind = AuditActorKind.System }, cancellationToken).ConfigureAwait(false);
            }
            catch (TenantNotFoundException)
            {
                // The tenant is not (or no longer) in the store: nothing to attach the entry to.
            }
        }
    }
}

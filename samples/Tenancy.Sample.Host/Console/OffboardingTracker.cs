using System.Collections.Concurrent;
using Tenancy.Lifecycle;

namespace Tenancy.Sample.Host.Console;

/// <summary>
/// Runs offboardings started from the console in the background (one per tenant at a time) so the page can show the
/// steps as they finish. A failed run is started again from the step that failed (the lifecycle journal).
/// </summary>
public sealed class OffboardingTracker(IServiceScopeFactory scopes, IWebHostEnvironment environment, IHostApplicationLifetime lifetime, ILogger<OffboardingTracker> logger)
{
    private readonly ConcurrentDictionary<string, OffboardingRun> _runs = new(StringComparer.Ordinal);

    /// <summary>The latest run for a tenant, or <see langword="null"/>.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <returns>The run.</returns>
    public OffboardingRun? Find(string tenantId) => _runs.TryGetValue(tenantId, out var run) ? run : null;

    /// <summary>The folder the export archives are written to.</summary>
    public string ExportFolder => Path.Combine(environment.ContentRootPath, "App_Data", "exports");

    /// <summary>Starts offboarding <paramref name="tenantId"/> unless a run for it is going.</summary>
    /// <param name="tenantId">A valid tenant id of an existing tenant.</param>
    /// <param name="removeTenant">Whether to remove the tenant at the end (else it is archived).</param>
    /// <returns>The run (the running one when there is one).</returns>
    public OffboardingRun Start(string tenantId, bool removeTenant)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        Directory.CreateDirectory(ExportFolder);
        var run = new OffboardingRun(tenantId, Path.Combine(ExportFolder, tenantId + ".zip"));
        while (true)
        {
            if (_runs.TryGetValue(tenantId, out var existing))
            {
                if (existing.Running)
                {
                    return existing;
                }

                if (_runs.TryUpdate(tenantId, run, existing))
                {
                    break;
                }
            }
            else if (_runs.TryAdd(tenantId, run))
            {
                break;
            }
        }

        _ = Task.Run(() => RunAsync(run, removeTenant));
        return run;
    }

    private async Task RunAsync(OffboardingRun run, bool removeTenant)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var lifecycle = scope.ServiceProvider.GetRequiredService<TenantLifecycleOrchestrator>();
            var report = await lifecycle.OffboardAsync(run.TenantId, new TenantOffboardingOptions
            {
                RemoveTenant = removeTenant,
                ExportTo = _ => Task.FromResult<Stream>(File.Create(run.ArchivePath)),
                Progress = run,
            }, lifetime.ApplicationStopping);
            run.Complete(report.Finished, null);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Offboarding of tenant {TenantId} from the console stopped.", run.TenantId);
            run.Complete(false, ex is OperationCanceledException ? "The host stopped during offboarding; start it again to resume." : ex.GetType().Name + ": " + ex.Message);
        }
    }
}

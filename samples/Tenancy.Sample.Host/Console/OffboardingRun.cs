using Tenancy.Lifecycle;

namespace Tenancy.Sample.Host.Console;

/// <summary>An offboarding started from the console: the steps done so far, and how it ended.</summary>
public sealed class OffboardingRun : IProgress<TenantLifecycleStepReport>
{
    private readonly Lock _gate = new();
    private readonly List<TenantLifecycleStepReport> _steps = [];

    /// <summary>Creates a run.</summary>
    /// <param name="tenantId">The tenant being offboarded.</param>
    /// <param name="archivePath">Where its export archive is written.</param>
    public OffboardingRun(string tenantId, string archivePath)
    {
        TenantId = tenantId;
        ArchivePath = archivePath;
    }

    /// <summary>The tenant.</summary>
    public string TenantId { get; }

    /// <summary>The export archive's path.</summary>
    public string ArchivePath { get; }

    /// <summary>Whether the run is still going.</summary>
    public bool Running { get; private set; } = true;

    /// <summary>Whether every step finished.</summary>
    public bool Finished { get; private set; }

    /// <summary>Why it stopped, when it failed (shown to the operator; resumable by starting it again).</summary>
    public string? Error { get; private set; }

    /// <summary>The steps reported so far, in order.</summary>
    public IReadOnlyList<TenantLifecycleStepReport> Steps
    {
        get
        {
            lock (_gate)
            {
                return [.. _steps];
            }
        }
    }

    /// <inheritdoc />
    public void Report(TenantLifecycleStepReport value)
    {
        lock (_gate)
        {
            _steps.Add(value);
        }
    }

    /// <summary>Marks the run finished or failed.</summary>
    /// <param name="finished">Whether every step finished.</param>
    /// <param name="error">Why not.</param>
    public void Complete(bool finished, string? error)
    {
        Finished = finished;
        Error = error;
        Running = false;
    }
}

namespace Tenancy.Lifecycle;

/// <summary>How to offboard one tenant.</summary>
public sealed record TenantOffboardingOptions
{
    /// <summary>How long the tenant stays suspended (data kept, requests refused) before export and deletion. Default none.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.Zero;

    /// <summary>Opens the stream the export archive is written to (a file, a storage object); <see langword="null"/> for no export.</summary>
    public Func<CancellationToken, Task<Stream>>? ExportTo { get; init; }

    /// <summary>Whether to remove the tenant from the store at the end (otherwise it stays <see cref="TenantStatus.Archived"/>).</summary>
    public bool RemoveTenant { get; init; }

    /// <summary>List what would happen without changing anything.</summary>
    public bool DryRun { get; init; }

    /// <summary>Receives a report after each step.</summary>
    public IProgress<TenantLifecycleStepReport>? Progress { get; init; }
}

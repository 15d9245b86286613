namespace Tenancy.Billing.Usage;

/// <summary>Options of the snapshot hosted service.</summary>
public sealed class UsageSnapshotOptions
{
    /// <summary>How often snapshots are written (0 turns the hosted service off; back-fill with <see cref="IUsageSnapshotWriter"/>).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

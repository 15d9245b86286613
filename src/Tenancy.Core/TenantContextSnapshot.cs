namespace Tenancy;

/// <summary>
/// The tenant that was current when <see cref="ICurrentTenant.Capture"/> ran. Carry it with queued work
/// (a channel item, a background job) and call <see cref="Restore"/> in the worker:
/// <code>
/// var snapshot = currentTenant.Capture();
/// queue.Enqueue(async () => { using (snapshot.Restore()) { await SendInvoiceAsync(); } });
/// </code>
/// </summary>
public readonly struct TenantContextSnapshot : IEquatable<TenantContextSnapshot>
{
    /// <summary>Creates a snapshot of <paramref name="tenant"/>.</summary>
    /// <param name="tenant">The tenant to carry, or <see langword="null"/> for the host context.</param>
    public TenantContextSnapshot(TenantInfo? tenant) => Tenant = tenant;

    /// <summary>The captured tenant, or <see langword="null"/> when none was current.</summary>
    public TenantInfo? Tenant { get; }

    /// <summary>Makes the captured tenant current until the returned scope is disposed.</summary>
    /// <returns>The scope.</returns>
    public TenantScope Restore() => AmbientCurrentTenant.Instance.Begin(Tenant);

    /// <summary>Runs <paramref name="work"/> with the captured tenant current.</summary>
    /// <param name="work">The work.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes with the work.</returns>
    public async Task RunAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        using (Restore())
        {
            await work(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public bool Equals(TenantContextSnapshot other) => ReferenceEquals(Tenant, other.Tenant);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TenantContextSnapshot other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Tenant?.GetHashCode() ?? 0;

    /// <summary>Compares two snapshots.</summary>
    /// <param name="left">One snapshot.</param>
    /// <param name="right">The other snapshot.</param>
    /// <returns>Whether they carry the same tenant.</returns>
    public static bool operator ==(TenantContextSnapshot left, TenantContextSnapshot right) => left.Equals(right);

    /// <summary>Compares two snapshots.</summary>
    /// <param name="left">One snapshot.</param>
    /// <param name="right">The other snapshot.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(TenantContextSnapshot left, TenantContextSnapshot right) => !left.Equals(right);
}

namespace Tenancy;

/// <summary>
/// A block in which a tenant is current, returned by <see cref="ICurrentTenant.Begin(TenantInfo?)"/>. Disposing it
/// restores the tenant that was current before. A struct, so that switching tenants allocates no scope object.
/// </summary>
public readonly struct TenantScope : IDisposable, IEquatable<TenantScope>
{
    private readonly TenantInfo? _previous;
    private readonly bool _active;

    internal TenantScope(TenantInfo? previous, TenantInfo? tenant)
    {
        _previous = previous;
        Tenant = tenant;
        _active = true;
    }

    /// <summary>The tenant that this scope made current (<see langword="null"/> for a host scope).</summary>
    public TenantInfo? Tenant { get; }

    /// <summary>Restores the tenant that was current when the scope began.</summary>
    public void Dispose()
    {
        if (_active)
        {
            AmbientCurrentTenant.Restore(_previous);
        }
    }

    /// <inheritdoc />
    public bool Equals(TenantScope other) => ReferenceEquals(_previous, other._previous) && ReferenceEquals(Tenant, other.Tenant) && _active == other._active;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TenantScope other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_previous, Tenant, _active);

    /// <summary>Compares two scopes.</summary>
    /// <param name="left">One scope.</param>
    /// <param name="right">The other scope.</param>
    /// <returns>Whether they are the same scope.</returns>
    public static bool operator ==(TenantScope left, TenantScope right) => left.Equals(right);

    /// <summary>Compares two scopes.</summary>
    /// <param name="left">One scope.</param>
    /// <param name="right">The other scope.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(TenantScope left, TenantScope right) => !left.Equals(right);
}

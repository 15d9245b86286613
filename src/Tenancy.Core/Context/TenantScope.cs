namespace Tenancy;

/// <summary>
/// A block in which a tenant is current, returned by <see cref="ICurrentTenant.Begin(TenantInfo?)"/>. Disposing it
/// restores the tenant that was current before (and ends any scope begun inside it that is still open). A struct, so
/// the scope itself is not an extra allocation; disposing it twice, or disposing <c>default</c>, does nothing.
/// </summary>
public readonly struct TenantScope : IDisposable, IEquatable<TenantScope>
{
    private readonly TenantFrame? _frame;

    internal TenantScope(TenantFrame frame) => _frame = frame;

    /// <summary>The tenant that this scope made current (<see langword="null"/> for a host scope).</summary>
    public TenantInfo? Tenant => _frame?.Tenant;

    /// <summary>Restores the tenant that was current when the scope began.</summary>
    public void Dispose()
    {
        if (_frame is not null)
        {
            AmbientCurrentTenant.End(_frame);
        }
    }

    /// <inheritdoc />
    public bool Equals(TenantScope other) => ReferenceEquals(_frame, other._frame);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TenantScope other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _frame?.GetHashCode() ?? 0;

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

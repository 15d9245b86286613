namespace Tenancy;

/// <summary>
/// A block in which a tenant is current, returned by <see cref="ICurrentTenant.Begin(TenantInfo?)"/>. Disposing it
/// restores the nearest enclosing scope that is still open. A scope only ever ends itself: disposed while scopes begun
/// inside it are open, it leaves their tenant current until they end; disposed twice, after a newer scope for the same
/// tenant began, through a copy, from a flow where it is not on the stack, or as <c>default</c>, it does nothing to
/// any other scope. A struct over the frame that <c>Begin</c> pushed, which is the scope's unique token.
/// </summary>
public readonly struct TenantScope : IDisposable, IEquatable<TenantScope>
{
    private readonly TenantFrame? _frame;

    internal TenantScope(TenantFrame frame) => _frame = frame;

    /// <summary>The tenant that this scope made current (<see langword="null"/> for a host scope).</summary>
    public TenantInfo? Tenant => _frame?.Tenant;

    /// <summary>Ends this scope (and only this scope); see the type's remarks.</summary>
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

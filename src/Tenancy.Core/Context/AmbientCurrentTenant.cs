namespace Tenancy;

/// <summary>
/// The <see cref="AsyncLocal{T}"/>-backed <see cref="ICurrentTenant"/>. There is one ambient context per process,
/// shared by every container, so code without dependency injection can use <see cref="Instance"/>.
/// </summary>
/// <remarks>
/// Each <see cref="Begin(TenantInfo?)"/> pushes a small frame that remembers its parent. Disposing a scope pops its
/// frame and every frame begun after it in the same flow, so scopes disposed out of order never leave a tenant behind;
/// disposing a scope that is no longer on the current flow's stack does nothing.
/// </remarks>
public sealed class AmbientCurrentTenant : ICurrentTenant
{
    private static readonly AsyncLocal<TenantFrame?> Current = new();

    /// <summary>The process-wide instance.</summary>
    public static AmbientCurrentTenant Instance { get; } = new();

    /// <inheritdoc />
    public TenantInfo? Tenant => Current.Value?.Tenant;

    /// <inheritdoc />
    public string? Id => Current.Value?.Tenant?.Id;

    /// <inheritdoc />
    public bool IsSet => Current.Value?.Tenant is not null;

    /// <inheritdoc />
    public TenantInfo GetRequiredTenant() => Current.Value?.Tenant ?? throw new TenantNotResolvedException();

    /// <inheritdoc />
    public TenantScope Begin(TenantInfo? tenant)
    {
        var parent = Current.Value;
        if (parent is null && tenant is null)
        {
            return default; // Already in the host context: nothing to change or restore.
        }

        var frame = parent is null ? tenant!.RootFrame : new TenantFrame(tenant, parent);
        Current.Value = frame;
        return new TenantScope(frame);
    }

    /// <inheritdoc />
    public TenantContextSnapshot Capture() => new(Current.Value?.Tenant);

    internal static void End(TenantFrame frame)
    {
        var current = Current.Value;
        for (var f = current; f is not null; f = f.Parent)
        {
            if (ReferenceEquals(f, frame))
            {
                Current.Value = frame.Parent;
                return;
            }
        }
    }
}

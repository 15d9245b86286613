namespace Tenancy;

/// <summary>
/// The <see cref="AsyncLocal{T}"/>-backed <see cref="ICurrentTenant"/>. There is one ambient context per process,
/// shared by every container, so code without dependency injection can use <see cref="Instance"/>.
/// </summary>
public sealed class AmbientCurrentTenant : ICurrentTenant
{
    private static readonly AsyncLocal<TenantInfo?> Current = new();

    /// <summary>The process-wide instance.</summary>
    public static AmbientCurrentTenant Instance { get; } = new();

    /// <inheritdoc />
    public TenantInfo? Tenant => Current.Value;

    /// <inheritdoc />
    public string? Id => Current.Value?.Id;

    /// <inheritdoc />
    public bool IsSet => Current.Value is not null;

    /// <inheritdoc />
    public TenantInfo GetRequiredTenant() => Current.Value ?? throw new TenantNotResolvedException();

    /// <inheritdoc />
    public TenantScope Begin(TenantInfo? tenant)
    {
        var previous = Current.Value;
        if (!ReferenceEquals(previous, tenant))
        {
            Current.Value = tenant;
        }

        return new TenantScope(previous, tenant);
    }

    /// <inheritdoc />
    public TenantContextSnapshot Capture() => new(Current.Value);

    internal static void Restore(TenantInfo? previous)
    {
        if (!ReferenceEquals(Current.Value, previous))
        {
            Current.Value = previous;
        }
    }
}

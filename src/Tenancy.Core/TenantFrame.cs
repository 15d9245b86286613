namespace Tenancy;

/// <summary>
/// One entry of the ambient tenant stack: the tenant a scope made current and the frame it replaced. Every
/// <see cref="AmbientCurrentTenant.Begin(TenantInfo?)"/> creates its own frame, so a frame's identity is the scope's
/// token: a stale or copied scope can only ever find (and end) the frame it created, never a newer one.
/// </summary>
internal sealed class TenantFrame(TenantInfo? tenant, TenantFrame? parent)
{
    public TenantInfo? Tenant { get; } = tenant;

    public TenantFrame? Parent { get; } = parent;

    /// <summary>
    /// Set when the scope was disposed while scopes begun after it were still open: the frame stays in place (the newer
    /// scope's tenant stays current) and is skipped when the newer scopes end.
    /// </summary>
    public bool Ended { get; set; }

    /// <summary>The nearest frame at or above <paramref name="frame"/> whose scope is still open.</summary>
    /// <param name="frame">Where to start.</param>
    /// <returns>The open frame, or <see langword="null"/> for the host context.</returns>
    public static TenantFrame? Open(TenantFrame? frame)
    {
        while (frame is not null && frame.Ended)
        {
            frame = frame.Parent;
        }

        return frame;
    }
}

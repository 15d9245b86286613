namespace Tenancy;

/// <summary>
/// The <see cref="AsyncLocal{T}"/>-backed <see cref="ICurrentTenant"/>. There is one ambient context per process,
/// shared by every container, so code without dependency injection can use <see cref="Instance"/>.
/// </summary>
/// <remarks>
/// Each <see cref="Begin(TenantInfo?)"/> pushes a frame of its own that remembers its parent; the scope holds that frame
/// as its token. A scope only ever ends itself: disposing it when its frame is on top restores the nearest enclosing
/// scope that is still open; disposing it while scopes begun after it are open marks it ended and leaves their tenant
/// current (they restore past it when they end); disposing it again, after a newer scope began, from a flow where it is
/// no longer on the stack, or disposing <c>default</c> does nothing.
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

        var frame = new TenantFrame(tenant, parent);
        Current.Value = frame;
        return new TenantScope(frame);
    }

    /// <summary>
    /// Runs <paramref name="next"/> with <paramref name="tenant"/> current, for a pipeline that owns the flow it runs in
    /// (the request middleware). The previous context is restored as soon as <paramref name="next"/> returns, whether it
    /// completed, is still running or threw; its continuations keep <paramref name="tenant"/>. There is no scope to hand
    /// out, so nothing outside can end this tenant early, and scopes begun inside that are left open end with it.
    /// </summary>
    /// <remarks>
    /// Cheaper than <see cref="Begin(TenantInfo?)"/> + dispose: from the host context it reuses an immutable frame per
    /// tenant (it never serves as a scope's token, so sharing it cannot let one flow end another's tenant) and restores
    /// the captured execution context instead of writing the previous value back, so it allocates only the runtime's
    /// execution-context change (72 B).
    /// </remarks>
    /// <typeparam name="TState">The state passed to <paramref name="next"/>.</typeparam>
    /// <param name="tenant">The tenant to make current; <see langword="null"/> for the host context.</param>
    /// <param name="next">What to run.</param>
    /// <param name="state">Its state.</param>
    /// <returns>The task that <paramref name="next"/> returned.</returns>
    public Task RunAsync<TState>(TenantInfo? tenant, Func<TState, Task> next, TState state)
    {
        ArgumentNullException.ThrowIfNull(next);
        var parent = Current.Value;
        if (parent is null && tenant is null)
        {
            return next(state); // Already in the host context.
        }

        var captured = ExecutionContext.Capture();
        Current.Value = parent is null ? HostFrames.For(tenant!) : new TenantFrame(tenant, parent);
        try
        {
            return next(state);
        }
        finally
        {
            if (captured is not null)
            {
                ExecutionContext.Restore(captured);
            }
            else
            {
                Current.Value = parent; // Flow suppressed: there is no context to restore.
            }
        }
    }

    /// <inheritdoc />
    public TenantContextSnapshot Capture() => new(Current.Value?.Tenant);

    internal static void End(TenantFrame frame)
    {
        var current = Current.Value;
        if (ReferenceEquals(current, frame))
        {
            Current.Value = TenantFrame.Open(frame.Parent);
            return;
        }

        // Out of order: newer scopes of this flow are still open. End this one without touching theirs.
        for (var f = current?.Parent; f is not null; f = f.Parent)
        {
            if (ReferenceEquals(f, frame))
            {
                frame.Ended = true;
                return;
            }
        }
    }
}

namespace Tenancy.Events;

/// <summary>
/// Publishes tenant changes to everything that holds tenant-derived state (store caches, per-tenant options,
/// per-tenant rate limiters). Writable stores publish after each successful write; a store changed behind the
/// application's back (another process) publishes through <see cref="Publish"/> from its own change feed.
/// </summary>
public interface ITenantChangeNotifier
{
    /// <summary>Tells every subscriber about a change. Subscriber exceptions are logged, not thrown.</summary>
    /// <param name="change">The change.</param>
    void Publish(TenantChange change);

    /// <summary>Subscribes to changes until the returned object is disposed.</summary>
    /// <param name="handler">Called synchronously for each change.</param>
    /// <returns>The subscription.</returns>
    IDisposable Subscribe(Action<TenantChange> handler);
}

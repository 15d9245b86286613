using Tenancy.Diagnostics;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tenancy.Events;

/// <summary>The in-process <see cref="ITenantChangeNotifier"/>: subscribers are kept in an immutable array, so publishing takes no lock.</summary>
public sealed class TenantChangeNotifier : ITenantChangeNotifier
{
    private readonly ILogger _logger;
    private ImmutableArray<Action<TenantChange>> _handlers = [];

    /// <summary>Creates a notifier.</summary>
    /// <param name="logger">Logs subscriber failures.</param>
    public TenantChangeNotifier(ILogger<TenantChangeNotifier>? logger = null) => _logger = logger ?? NullLogger<TenantChangeNotifier>.Instance;

    /// <inheritdoc />
    public void Publish(TenantChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        foreach (var handler in _handlers)
        {
            try
            {
                handler(change);
            }
#pragma warning disable CA1031 // One failing subscriber must not stop the others from invalidating.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.TenantChangeSubscriberFailed(_logger, change.TenantId, ex);
            }
        }
    }

    /// <inheritdoc />
    public IDisposable Subscribe(Action<TenantChange> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _handlers, static (list, h) => list.Add(h), handler);
        return new Subscription(this, handler);
    }


    private sealed class Subscription(TenantChangeNotifier owner, Action<TenantChange> handler) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref owner._handlers, static (list, h) => list.Remove(h), handler);
    }
}

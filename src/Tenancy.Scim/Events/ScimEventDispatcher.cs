using Microsoft.Extensions.Logging;
using Tenancy.Scim.Diagnostics;

namespace Tenancy.Scim.Events;

/// <summary>Hands events to every registered <see cref="IScimEventSink"/>; a failing sink is logged and skipped.</summary>
internal sealed class ScimEventDispatcher(IEnumerable<IScimEventSink> sinks, ILogger<ScimEventDispatcher> logger)
{
    private readonly IScimEventSink[] _sinks = sinks.ToArray();

    public async Task RaiseAsync(ScimEvent scimEvent, CancellationToken cancellationToken)
    {
        foreach (var sink in _sinks)
        {
            try
            {
                await sink.OnEventAsync(scimEvent, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A host's sink must not fail a committed SCIM change.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.EventSinkFailed(logger, sink.GetType().Name, scimEvent.Kind.ToString(), scimEvent.ResourceId, ex);
            }
        }
    }
}

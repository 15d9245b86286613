using System.Collections.Concurrent;
using Tenancy.Scim.Events;

namespace Tenancy.Scim.Tests.Infrastructure;

public sealed class RecordingSink : IScimEventSink
{
    public ConcurrentQueue<(ScimEvent Event, string? CurrentTenant)> Events { get; } = new();

    public ICurrentTenant? Current { get; set; }

    public Task OnEventAsync(ScimEvent scimEvent, CancellationToken cancellationToken)
    {
        Events.Enqueue((scimEvent, Current?.Id));
        return Task.CompletedTask;
    }
}

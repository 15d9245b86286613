using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tenancy.Billing.Diagnostics;

namespace Tenancy.Billing.Events;

/// <summary>Queues billing events without blocking the caller and delivers them to the handlers in the background.</summary>
internal sealed class BillingEventDispatcher(IEnumerable<IBillingEventHandler> handlers, ILogger<BillingEventDispatcher>? logger = null) : BackgroundService
{
    private readonly IBillingEventHandler[] _handlers = handlers.ToArray();
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly Channel<BillingEvent> _queue = Channel.CreateUnbounded<BillingEvent>(new UnboundedChannelOptions { SingleReader = true });

    public void Publish(BillingEvent billingEvent)
    {
        if (_handlers.Length > 0)
        {
            _queue.Writer.TryWrite(billingEvent);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                foreach (var handler in _handlers)
                {
                    try
                    {
                        await handler.HandleAsync(item, stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        Log.EventHandlerFailed(_logger, handler.GetType().Name, item.GetType().Name, item.TenantId, ex);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

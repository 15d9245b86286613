using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Tenancy.Events;
using Tenancy.Redis.Connection;
using Tenancy.Redis.Diagnostics;

namespace Tenancy.Redis.Backplane;

/// <summary>
/// Carries tenant changes between instances over Redis pub/sub: forwards this process's changes, delivers the others'
/// to its notifier, and flushes every cache (a reset) when the subscription comes back after a loss.
/// Pub/sub is at-most-once: a change published while an instance was cut off is covered by that reset.
/// </summary>
internal sealed class RedisTenantChangeBackplane : TenantChangeBackplane, IHostedService
{
    private readonly TenancyRedisConnection _connection;
    private readonly ILogger _logger;
    private readonly RedisChannel _channel;
    private ConnectionMultiplexer? _multiplexer;

    public RedisTenantChangeBackplane(
        TenancyRedisConnection connection,
        ITenantChangeNotifier notifier,
        TimeProvider? timeProvider = null,
        ILogger<RedisTenantChangeBackplane>? logger = null)
        : base(notifier, timeProvider, logger)
    {
        _connection = connection;
        _logger = (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _channel = RedisChannel.Literal(connection.Key("tenant-changes"));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        ForwardLocalChanges();
        StartConnection(
            SubscribeAsync,
            static ex => ex is RedisException or TimeoutException,
            _connection.Options.MaxReconnectDelay,
            (delay, ex) => Log.BackplaneConnectFailed(_logger, delay.TotalMilliseconds, ex));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await StopConnectionAsync(cancellationToken).ConfigureAwait(false);

        if (_multiplexer is { } multiplexer)
        {
            multiplexer.ConnectionFailed -= OnConnectionFailed;
            multiplexer.ConnectionRestored -= OnConnectionRestored;
            try
            {
                await multiplexer.GetSubscriber().UnsubscribeAsync(_channel).ConfigureAwait(false);
            }
            catch (RedisException)
            {
                // Shutting down while Redis is away: nothing to unsubscribe from.
            }
        }
    }

    protected override async ValueTask SendAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var multiplexer = await _connection.GetAsync(cancellationToken).ConfigureAwait(false);
        await multiplexer.GetSubscriber().PublishAsync(_channel, payload).ConfigureAwait(false);
    }

    private async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        var multiplexer = _multiplexer ??= await _connection.GetAsync(cancellationToken).ConfigureAwait(false);
        multiplexer.ConnectionFailed -= OnConnectionFailed;
        multiplexer.ConnectionRestored -= OnConnectionRestored;
        multiplexer.ConnectionFailed += OnConnectionFailed;
        multiplexer.ConnectionRestored += OnConnectionRestored;
        await multiplexer.GetSubscriber().SubscribeAsync(_channel, (_, value) => Deliver((byte[])value!)).ConfigureAwait(false);
        MarkConnected();
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            MarkDisconnected(e.Exception);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            // StackExchange.Redis re-subscribes on the restored connection; anything published meanwhile was missed.
            MarkConnected();
        }
    }
}

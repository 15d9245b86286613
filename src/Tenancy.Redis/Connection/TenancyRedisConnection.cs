using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Tenancy.Redis.Connection;

/// <summary>
/// Tenancy's own Redis connection, shared by the backplane, the second-level cache and the rate limiter. Kept internal
/// (not an <see cref="IConnectionMultiplexer"/> singleton) so that other parts of the application keep theirs.
/// Connects lazily, never aborts on a failed first connect and reconnects with exponential back-off.
/// </summary>
internal sealed class TenancyRedisConnection : IAsyncDisposable, IDisposable
{
    private readonly TenancyRedisOptions _options;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ConnectionMultiplexer? _multiplexer;

    public TenancyRedisConnection(IOptions<TenancyRedisOptions> options, ILoggerFactory? loggerFactory = null)
    {
        _options = options.Value;
        _loggerFactory = loggerFactory;
    }

    public TenancyRedisOptions Options => _options;

    public ConnectionMultiplexer? Current => Volatile.Read(ref _multiplexer);

    public async ValueTask<ConnectionMultiplexer> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _multiplexer) is { } existing)
        {
            return existing;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_multiplexer is null)
            {
                var configuration = ConfigurationOptions.Parse(_options.Configuration);
                configuration.AbortOnConnectFail = false;
                configuration.ClientName ??= "tenancy";
                configuration.ReconnectRetryPolicy = new ExponentialRetry(100, (int)_options.MaxReconnectDelay.TotalMilliseconds);
                configuration.ConnectTimeout = Math.Max(configuration.ConnectTimeout, 1000);
                configuration.SyncTimeout = (int)_options.CommandTimeout.TotalMilliseconds;
                configuration.AsyncTimeout = (int)_options.CommandTimeout.TotalMilliseconds;
                configuration.KeepAlive = configuration.KeepAlive <= 0 ? 5 : Math.Min(configuration.KeepAlive, 5);
                configuration.LoggerFactory = _loggerFactory;
                Volatile.Write(ref _multiplexer, await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false));
            }

            return _multiplexer;
        }
        finally
        {
            _gate.Release();
        }
    }

    public string Key(string name) => _options.Prefix + name;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _multiplexer, null) is { } multiplexer)
        {
            await multiplexer.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _multiplexer, null)?.Dispose();
        _gate.Dispose();
    }
}

using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Tenancy.Billing.Redis;

/// <summary>
/// The billing package's own Redis connection: created from <see cref="BillingRedisOptions.Configuration"/> or a
/// factory the host passes, never a shared <see cref="IConnectionMultiplexer"/> registration. Commands fail fast while
/// disconnected so that each meter's failure policy applies at once.
/// </summary>
internal sealed class BillingRedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;
    private readonly bool _owned;

    public BillingRedisConnection(IOptions<BillingRedisOptions> options, Func<IServiceProvider, Task<IConnectionMultiplexer>>? factory, IServiceProvider services)
    {
        var configuration = options.Value.Configuration;
        if (factory is null && string.IsNullOrWhiteSpace(configuration))
        {
            throw new InvalidOperationException("UseRedis needs a configuration string or a connection factory.");
        }

        _owned = factory is null;
        _connection = new Lazy<Task<IConnectionMultiplexer>>(factory is not null ? () => factory(services) : () => ConnectAsync(configuration!));
    }

    public Task<IConnectionMultiplexer> GetAsync() => _connection.Value;

    /// <summary>The connection when it has been made, else null (no I/O).</summary>
    public IConnectionMultiplexer? Existing => _connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully ? _connection.Value.Result : null;

    public async ValueTask DisposeAsync()
    {
        if (_owned && _connection.IsValueCreated)
        {
            try
            {
                var multiplexer = await _connection.Value.ConfigureAwait(false);
                await multiplexer.DisposeAsync().ConfigureAwait(false);
            }
            catch (RedisException)
            {
            }
        }
    }

    internal static async Task<IConnectionMultiplexer> ConnectAsync(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
    }
}

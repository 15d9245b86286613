using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Tenancy.EntityFramework.PostgreSql.Diagnostics;
using Tenancy.Events;

namespace Tenancy.EntityFramework.PostgreSql.Backplane;

/// <summary>
/// Listens on a dedicated PostgreSQL connection (<c>LISTEN</c>, with keepalive probes) and delivers other instances'
/// tenant changes to this process's notifier. Changes are sent by <see cref="TenantChangeNotifyInterceptor"/> inside the
/// writing transaction, not by this class. A lost connection is retried with exponential back-off; when it is back,
/// every cache is flushed (NOTIFY is not replayed to a listener that was away).
/// </summary>
internal sealed class PostgreSqlTenantChangeBackplane : TenantChangeBackplane, IHostedService
{
    private readonly PostgreSqlBackplaneOptions _options;
    private readonly ILogger _logger;

    public PostgreSqlTenantChangeBackplane(
        IOptions<PostgreSqlBackplaneOptions> options,
        ITenantChangeNotifier notifier,
        TimeProvider? timeProvider = null,
        ILogger<PostgreSqlTenantChangeBackplane>? logger = null)
        : base(notifier, timeProvider, logger)
    {
        _options = options.Value;
        _logger = (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        // Tenant rows announce themselves in their own transaction (TenantChangeNotifyInterceptor); API-key and membership
        // changes are published by their services after the store committed, and go out from here.
        ForwardLocalChanges();
    }

    public string Channel => _options.Channel;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Any failure of the listening connection means: mark down, back off, reconnect.
        StartConnection(ListenAsync, static _ => true, _options.MaxReconnectDelay, (delay, ex) => Log.ListenFailed(_logger, delay.TotalMilliseconds, ex));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => StopConnectionAsync(cancellationToken);

    protected override bool ShouldForward(TenantChange change) => change.Kind == TenantChangeKind.AccessChanged;

    protected override async ValueTask SendAsync(byte[] payload, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_options.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var notify = new NpgsqlCommand("SELECT pg_notify($1, $2)", connection);
        notify.Parameters.Add(new NpgsqlParameter { Value = _options.Channel });
        notify.Parameters.Add(new NpgsqlParameter { Value = System.Text.Encoding.UTF8.GetString(payload) });
        await notify.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(_options.ConnectionString)
        {
            KeepAlive = (int)Math.Ceiling(_options.KeepAlive.TotalSeconds),
            TcpKeepAlive = true,
            Pooling = false,
            ApplicationName = "tenancy-listener",
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Notification += (_, e) => Deliver(System.Text.Encoding.UTF8.GetBytes(e.Payload));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var listen = new NpgsqlCommand($"LISTEN {_options.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        MarkConnected();
        while (!cancellationToken.IsCancellationRequested)
        {
            // WaitAsync returns on a notification, or false after the timeout; then probe the connection.
            if (!await connection.WaitAsync(_options.KeepAlive, cancellationToken).ConfigureAwait(false))
            {
                await using var probe = new NpgsqlCommand("SELECT 1", connection);
                await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

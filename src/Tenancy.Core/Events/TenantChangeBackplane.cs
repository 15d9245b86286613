using Tenancy.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tenancy.Events;

/// <summary>
/// The transport-neutral half of a tenant-change backplane: it delivers other instances' changes to this process's
/// <see cref="ITenantChangeNotifier"/> (dropping its own echoes), optionally forwards this process's changes, tracks the
/// connection and, when the connection comes back after a loss, publishes <see cref="TenantChange.Reset"/> so that every
/// cache drops what it may have kept past a change it did not hear about. Redis and PostgreSQL backplanes derive from it.
/// </summary>
public abstract class TenantChangeBackplane : IDisposable
{
    private readonly ITenantChangeNotifier _notifier;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private IDisposable? _subscription;
    private volatile bool _connected;
    private bool _everConnected;
    private int _unsent;
    private int _disposed;
    private long _received;
    private long _resets;
    private long _disconnectedSince;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _connection;

    /// <summary>Creates the backplane.</summary>
    /// <param name="notifier">The process's notifier.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    protected TenantChangeBackplane(ITenantChangeNotifier notifier, TimeProvider? timeProvider, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        _notifier = notifier;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _disconnectedSince = _time.GetTimestamp();
    }

    /// <summary>This instance's id, stamped on what it sends so that it can drop its own echoes.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Whether the backplane is connected and listening.</summary>
    public bool IsConnected => _connected;

    /// <summary>How long the backplane has been disconnected; <see cref="TimeSpan.Zero"/> while connected.</summary>
    public TimeSpan DisconnectedFor => _connected ? TimeSpan.Zero : _time.GetElapsedTime(Interlocked.Read(ref _disconnectedSince));

    /// <summary>The last connection error, if any.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>The number of other instances' changes delivered to this process.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>The number of resets published after reconnecting.</summary>
    public long Resets => Interlocked.Read(ref _resets);

    /// <summary>The notifier changes are delivered to.</summary>
    protected ITenantChangeNotifier Notifier => _notifier;

    /// <summary>Stops forwarding.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts forwarding this process's changes (those without an <see cref="TenantChange.Origin"/>) through <see cref="SendAsync"/>.</summary>
    protected void ForwardLocalChanges() => _subscription ??= _notifier.Subscribe(OnLocalChange);

    /// <summary>Sends a payload from <see cref="TenantChangeCodec.Encode"/> to the other instances.</summary>
    /// <param name="payload">The payload.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when the payload is sent.</returns>
    protected virtual ValueTask SendAsync(byte[] payload, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Whether a local change is sent to the other instances by <see cref="SendAsync"/>; a backplane whose store announces
    /// tenant writes itself (in the write's transaction) forwards only the rest (<see cref="TenantChangeKind.AccessChanged"/>).
    /// </summary>
    /// <param name="change">A local change (never a reset).</param>
    /// <returns><see langword="true"/> to send it.</returns>
    protected virtual bool ShouldForward(TenantChange change) => true;

    /// <summary>Delivers a payload received from the transport. Own echoes and malformed payloads are dropped.</summary>
    /// <param name="payload">The payload.</param>
    protected void Deliver(ReadOnlySpan<byte> payload)
    {
        if (!TenantChangeCodec.TryDecode(payload, out var change) || change is null)
        {
            Log.BackplaneMalformed(_logger, payload.Length);
            return;
        }

        if (string.Equals(change.Origin, InstanceId, StringComparison.Ordinal))
        {
            return;
        }

        Interlocked.Increment(ref _received);
        if (change.Kind == TenantChangeKind.Reset)
        {
            Interlocked.Increment(ref _resets);
        }

        _notifier.Publish(change);
    }

    /// <summary>Records that the connection is up and listening. After a loss, publishes a reset (and, when a send failed meanwhile, tells the other instances to reset too).</summary>
    protected void MarkConnected()
    {
        if (_connected)
        {
            return;
        }

        _connected = true;
        var wasLost = _everConnected;
        _everConnected = true;
        if (!wasLost)
        {
            Log.BackplaneConnected(_logger, InstanceId);
            return;
        }

        var offline = _time.GetElapsedTime(Interlocked.Read(ref _disconnectedSince));
        Log.BackplaneReconnected(_logger, offline.TotalMilliseconds);
        Interlocked.Increment(ref _resets);
        _notifier.Publish(TenantChange.Reset(InstanceId));
        if (Interlocked.Exchange(ref _unsent, 0) == 1)
        {
            _ = SendSafelyAsync(TenantChangeCodec.Encode(TenantChange.Reset(), InstanceId));
        }
    }

    /// <summary>Records that the connection was lost.</summary>
    /// <param name="error">The cause, if known.</param>
    protected void MarkDisconnected(Exception? error)
    {
        LastError = error ?? LastError;
        if (!_connected)
        {
            return;
        }

        _connected = false;
        Interlocked.Exchange(ref _disconnectedSince, _time.GetTimestamp());
        Log.BackplaneDisconnected(_logger, error?.GetType().Name ?? "unknown", error);
    }

    /// <summary>The first wait before reconnecting after a failure; each further failure doubles it.</summary>
    protected static TimeSpan FirstReconnectDelay { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Starts keeping the transport connected in the background, until <see cref="StopConnectionAsync"/> or disposal:
    /// runs <paramref name="connectAsync"/> until it returns; when it throws an exception that
    /// <paramref name="isConnectionFailure"/> accepts, the backplane is marked disconnected, <paramref name="onFailure"/>
    /// is told the wait, and the connection is retried after an exponential back-off (read through the
    /// <see cref="TimeProvider"/>) from <see cref="FirstReconnectDelay"/> up to <paramref name="maxReconnectDelay"/>,
    /// starting from the first delay again once a connection had come up.
    /// </summary>
    /// <param name="connectAsync">Connects (and calls <see cref="MarkConnected"/>); returns when done or cancelled.</param>
    /// <param name="isConnectionFailure">Which exceptions are retried; others end the background loop.</param>
    /// <param name="maxReconnectDelay">The longest wait between attempts.</param>
    /// <param name="onFailure">Told each failure and the wait before the next attempt (for the transport's own log message).</param>
    protected void StartConnection(
        Func<CancellationToken, Task> connectAsync,
        Func<Exception, bool> isConnectionFailure,
        TimeSpan maxReconnectDelay,
        Action<TimeSpan, Exception> onFailure)
    {
        ArgumentNullException.ThrowIfNull(connectAsync);
        ArgumentNullException.ThrowIfNull(isConnectionFailure);
        ArgumentNullException.ThrowIfNull(onFailure);
        var stopping = _stopping.Token;
        _connection ??= Task.Run(() => KeepConnectedAsync(connectAsync, isConnectionFailure, maxReconnectDelay, onFailure, stopping), CancellationToken.None);
    }

    /// <summary>Stops the background connection started by <see cref="StartConnection"/> and waits for it to end.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the connection loop has ended (or waiting was cancelled).</returns>
    protected async Task StopConnectionAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_connection is { } connection)
        {
            await connection.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Releases resources.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _subscription?.Dispose();
            _subscription = null;
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    private async Task KeepConnectedAsync(
        Func<CancellationToken, Task> connectAsync,
        Func<Exception, bool> isConnectionFailure,
        TimeSpan maxReconnectDelay,
        Action<TimeSpan, Exception> onFailure,
        CancellationToken cancellationToken)
    {
        var delay = FirstReconnectDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await connectAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (isConnectionFailure(ex))
            {
                if (_connected)
                {
                    delay = FirstReconnectDelay; // It had come up: back off from the start again.
                }

                MarkDisconnected(ex);
                onFailure(delay, ex);
                try
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Math.Max(maxReconnectDelay.Ticks, FirstReconnectDelay.Ticks)));
            }
        }
    }

    private void OnLocalChange(TenantChange change)
    {
        if (change.IsRemote || change.Kind == TenantChangeKind.Reset || !ShouldForward(change))
        {
            return;
        }

        _ = SendSafelyAsync(TenantChangeCodec.Encode(change, InstanceId));
    }

    private async Task SendSafelyAsync(byte[] payload)
    {
        try
        {
            await SendAsync(payload, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed send must not fail the write that caused it; the others reset when told.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Volatile.Write(ref _unsent, 1);
            Log.BackplaneSendFailed(_logger, ex);
        }
    }
}

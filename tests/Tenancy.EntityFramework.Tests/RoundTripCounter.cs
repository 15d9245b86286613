using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Tenancy.EntityFramework.Tests;

/// <summary>
/// A TCP proxy in front of PostgreSQL that counts the client's Sync ('S') and simple Query ('Q') messages: each one is a
/// round trip in the PostgreSQL wire protocol. Used to prove that row-level security adds none.
/// </summary>
public sealed class RoundTripCounter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private long _roundTrips;

    public RoundTripCounter(string host, int port)
    {
        _host = host;
        _port = port;
        _listener.Start();
        _pumps.Add(AcceptAsync());
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await Task.WhenAll(_pumps.ToArray()).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            var server = new TcpClient();
            await server.ConnectAsync(_host, _port, _stop.Token);
            lock (_pumps)
            {
                _pumps.Add(CountClientAsync(client, server));
                _pumps.Add(CopyAsync(server.GetStream(), client.GetStream(), client, server));
            }
        }
    }

    private async Task CopyAsync(Stream from, Stream to, TcpClient a, TcpClient b)
    {
        try
        {
            await from.CopyToAsync(to, _stop.Token);
        }
        catch (Exception)
        {
        }
        finally
        {
            a.Dispose();
            b.Dispose();
        }
    }

    private async Task CountClientAsync(TcpClient client, TcpClient server)
    {
        var from = client.GetStream();
        var to = server.GetStream();
        var header = new byte[5];
        var typed = false;
        try
        {
            while (true)
            {
                // The startup message has no type byte; every later message is type + length.
                var headerLength = typed ? 5 : 4;
                await from.ReadExactlyAsync(header.AsMemory(0, headerLength), _stop.Token);
                var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(typed ? 1 : 0, 4));
                var body = new byte[length - 4];
                await from.ReadExactlyAsync(body, _stop.Token);
                if (typed && header[0] is (byte)'S' or (byte)'Q')
                {
                    Interlocked.Increment(ref _roundTrips);
                }

                var isSslRequest = !typed && length == 8 && BinaryPrimitives.ReadInt32BigEndian(body) == 80877103;
                await to.WriteAsync(header.AsMemory(0, headerLength), _stop.Token);
                await to.WriteAsync(body, _stop.Token);
                typed |= !isSslRequest;
            }
        }
        catch (Exception)
        {
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }
}

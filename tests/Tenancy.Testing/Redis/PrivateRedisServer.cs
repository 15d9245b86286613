using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Tenancy.Testing.Redis;

/// <summary>
/// A redis-server of the test's own (<see cref="TestServers.RedisServerBinary"/>) on a free loopback port, which fault
/// tests kill and restart; never the shared one (<see cref="TestServers.Redis"/>).
/// </summary>
public sealed class PrivateRedisServer : IAsyncDisposable
{
    private readonly string _binary;
    private readonly bool _durable;
    private readonly string _clientOptions;
    private readonly string _directory = Directory.CreateTempSubdirectory("tenancy-redis-").FullName;
    private Process? _process;

    private PrivateRedisServer(string binary, int port, bool durable, string? clientOptions)
    {
        _binary = binary;
        Port = port;
        _durable = durable;
        _clientOptions = string.IsNullOrEmpty(clientOptions) ? "" : "," + clientOptions;
    }

    /// <summary>The loopback port the server listens on (kept across restarts).</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=1000{_clientOptions}";

    /// <summary>
    /// Starts a server on a free port. <paramref name="durable"/>: an append-only file synced on every write, so a kill
    /// loses nothing; otherwise no persistence. <paramref name="clientOptions"/> is appended to <see cref="Configuration"/>.
    /// </summary>
    public static async Task<PrivateRedisServer> StartAsync(bool durable = false, string? clientOptions = null, CancellationToken cancellationToken = default)
    {
        var binary = TestServers.RedisServerBinary;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var server = new PrivateRedisServer(binary, port, durable, clientOptions);
        await server.RestartAsync(cancellationToken);
        return server;
    }

    /// <summary>Starts the server process (again, after <see cref="KillAsync"/>) on the same port and data folder, and waits until it accepts connections.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(_binary)
        {
            ArgumentList = { "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--save", "", "--dir", _directory, "--daemonize", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in _durable ? ["--appendonly", "yes", "--appendfsync", "always"] : new[] { "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        throw new InvalidOperationException($"The private redis-server on port {Port} did not start.");
    }

    /// <summary>Kills the server (SIGKILL) and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Kills the server and deletes its data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tenancy.Billing.Tests.Infrastructure;

/// <summary>The shared test Redis (TENANCY_TEST_REDIS), and private throw-away servers for fault tests (TENANCY_REDIS_SERVER).</summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Variable = "TENANCY_TEST_REDIS";
    public const string ServerVariable = "TENANCY_REDIS_SERVER";

    private readonly string _binary;
    private readonly string _directory;
    private Process? _process;

    private RedisServer(string binary, int port)
    {
        _binary = binary;
        Port = port;
        _directory = Directory.CreateTempSubdirectory("tenancy-billing-redis-").FullName;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=1000,syncTimeout=2000,asyncTimeout=2000";

    public static string Shared =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: these tests need the Redis server that eng/services/redis.sh starts. Start it with ./eng/test.sh (or ./eng/dev-services.sh).");

    /// <summary>A unique key prefix so tests sharing the server never see each other's keys.</summary>
    public static string UniquePrefix() => "test:" + Guid.NewGuid().ToString("N")[..12] + ":";

    /// <summary>Starts a private server on a free port, with an append-only file synced on every write so a kill loses nothing.</summary>
    public static async Task<RedisServer> StartPrivateAsync()
    {
        var binary = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{ServerVariable} is not set: fault tests start their own redis-server. Start the services with ./eng/test.sh (or ./eng/dev-services.sh).");
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var server = new RedisServer(binary, port);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo(_binary)
        {
            ArgumentList = { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", _directory, "--daemonize", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
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

using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Testing.Hosting;

namespace Tenancy.Console.Tests;

/// <summary>
/// The sample host as shipped (its appsettings.json: SQLite and local disk on a throw-away content root), served by
/// Kestrel on 127.0.0.1 on a free port, so a real browser can reach <c>http://localhost:PORT</c> and
/// <c>http://acme.localhost:PORT</c> (Chromium resolves <c>*.localhost</c> to loopback).
/// </summary>
public sealed class ConsoleHost : WebApplicationFactory<Program>
{
    private readonly SampleContentRoot _root = new("tenancy-console-");

    private readonly Action<IServiceCollection>? _configureServices;

    /// <summary>Starts the sample as shipped.</summary>
    public ConsoleHost()
        : this(null)
    {
    }

    /// <summary>Starts the sample with extra services.</summary>
    /// <param name="configureServices">Adds or replaces services (e.g. a password sign-in rule).</param>
    public ConsoleHost(Action<IServiceCollection>? configureServices)
    {
        _configureServices = configureServices;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Port = address.Port;
    }

    /// <summary>The port Kestrel listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>The root host's URL (the platform console).</summary>
    public string Root => $"http://localhost:{Port}";

    /// <summary>A tenant subdomain's URL (its console).</summary>
    /// <param name="identifier">The tenant identifier.</param>
    /// <returns>The URL.</returns>
    public string Tenant(string identifier) => $"http://{identifier}.localhost:{Port}";

    /// <summary>
    /// An HTTP client with its own cookie jar that connects every host name to 127.0.0.1:<see cref="Port"/> (so
    /// <c>acme.localhost</c> works without DNS) and does not follow redirects.
    /// </summary>
    /// <param name="cookies">The cookie jar (a new one when <see langword="null"/>).</param>
    /// <returns>The client.</returns>
    public HttpClient CreateLoopbackClient(CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = cookies ?? new CookieContainer(),
            UseCookies = true,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(_root.Path);
        builder.UseSetting("Sample:PublicBaseUrl", "http://localhost/");
        if (_configureServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _root.Dispose();
    }
}

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;

namespace Tenancy.Docs.Tests;

/// <summary>
/// Builds the root README's quick start on a <see cref="TestServer"/> and hands the started host to the test; the
/// README's hidden context routes its <c>WebApplication.CreateBuilder(args)</c> here.
/// </summary>
public static class QuickStartHost
{
    private static TaskCompletionSource<IServiceProvider> _started = NewSource();

    /// <summary>Completes with the application's services once the quick start's host has started.</summary>
    public static Task<IServiceProvider> Started => _started.Task;

    /// <summary>Forgets the previous run.</summary>
    public static void Reset() => _started = NewSource();

    /// <summary>The real <see cref="WebApplication.CreateBuilder(string[])"/>, with a test server and a start probe.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseTestServer();
        builder.Services.AddHostedService<Probe>();
        return builder;
    }

    private static TaskCompletionSource<IServiceProvider> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Probe(IServiceProvider services, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(() => _started.TrySetResult(services));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The test server of a started host.</summary>
    public static TestServer Server(IServiceProvider services) => (TestServer)services.GetRequiredService<IServer>();
}

using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Tenancy.AspNetCore.Tests.Infrastructure;

namespace Tenancy.AspNetCore.Tests;

/// <summary>The tenant set by the middleware flows through await and Task.Run, and reaches background work only when captured.</summary>
public sealed class AmbientContextTests
{
    [Fact]
    public async Task Tenant_flows_across_await_and_task_run()
    {
        await using var app = await TestApp.StartAsync(
            t => t.FromHeader("X-Tenant"),
            endpoints: a => a.MapGet("/flow", async (ICurrentTenant current) =>
            {
                var before = current.Id;
                await Task.Yield();
                await Task.Delay(1);
                var afterAwait = current.Id;
                var inTaskRun = await Task.Run(() => current.Id);
                var inNestedTaskRun = await Task.Run(async () =>
                {
                    await Task.Yield();
                    return await Task.Run(() => current.Id);
                });
                return $"{before}|{afterAwait}|{inTaskRun}|{inNestedTaskRun}";
            }));

        (await (await app.GetAsync("/flow", ("X-Tenant", "acme"))).Content.ReadAsStringAsync())
            .Should().Be("t-acme|t-acme|t-acme|t-acme");
        (await (await app.GetAsync("/flow", ("X-Tenant", "globex"))).Content.ReadAsStringAsync())
            .Should().Be("t-globex|t-globex|t-globex|t-globex");
    }

    [Fact]
    public async Task Hosted_worker_runs_queued_work_with_the_captured_tenant_and_not_with_another()
    {
        await using var app = await TestApp.StartAsync(
            t => t.FromHeader("X-Tenant"),
            services: s =>
            {
                s.AddSingleton<WorkQueue>();
                s.AddHostedService<Worker>();
            },
            endpoints: a => a.MapPost("/jobs/{name}", async (string name, ICurrentTenant current, WorkQueue queue) =>
            {
                await queue.Items.Writer.WriteAsync(new WorkItem(name, current.Id, current.Capture()));
                return Results.Accepted();
            }));
        var queue = app.Services.GetRequiredService<WorkQueue>();

        var names = Enumerable.Range(0, 40).Select(i => (Name: $"job-{i}", Tenant: i % 2 == 0 ? "acme" : "globex")).ToArray();
        await Task.WhenAll(names.Select(async n =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/jobs/{n.Name}");
            request.Headers.Add("X-Tenant", n.Tenant);
            (await app.Client.SendAsync(request)).EnsureSuccessStatusCode();
        }));

        var results = new List<WorkResult>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (results.Count < names.Length)
        {
            results.Add(await queue.Results.Reader.ReadAsync(timeout.Token));
        }

        results.Should().OnlyContain(r => r.SeenInWorker == r.EnqueuedBy && r.SeenAfterScope == null);
        results.Select(r => r.EnqueuedBy).Distinct().Should().BeEquivalentTo([Tenants.Acme.Id, Tenants.Globex.Id]);
    }

    public sealed record WorkItem(string Name, string? EnqueuedBy, TenantContextSnapshot Snapshot);

    public sealed record WorkResult(string Name, string? EnqueuedBy, string? SeenInWorker, string? SeenAfterScope);

    public sealed class WorkQueue
    {
        public Channel<WorkItem> Items { get; } = Channel.CreateUnbounded<WorkItem>();

        public Channel<WorkResult> Results { get; } = Channel.CreateUnbounded<WorkResult>();
    }

    /// <summary>A hosted service: it starts in the host context (no tenant) and restores each item's snapshot.</summary>
    public sealed class Worker(WorkQueue queue, ICurrentTenant current) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await foreach (var item in queue.Items.Reader.ReadAllAsync(stoppingToken))
            {
                string? seen = null;
                await item.Snapshot.RunAsync(
                    async ct =>
                    {
                        await Task.Yield();
                        seen = current.Id;
                    },
                    stoppingToken);
                await queue.Results.Writer.WriteAsync(new WorkResult(item.Name, item.EnqueuedBy, seen, current.Id), stoppingToken);
            }
        }
    }
}

using Tenancy.AspNetCore.Tests.Infrastructure;

namespace Tenancy.AspNetCore.Tests;

/// <summary>
/// The middleware's synchronous hot path (issue 15: it returns the ambient runner's task instead of awaiting it) keeps
/// what the async method guaranteed: paths restored and the host context back after the rest of the pipeline ends —
/// synchronously, asynchronously, with a throw or a fault — and a strategy that throws still answers 503.
/// </summary>
public sealed class MiddlewareHotPathTests
{
    public static TheoryData<string> Endings => ["sync", "async", "sync-throw", "async-throw"];

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task Rebased_paths_are_restored_and_the_host_context_is_back_however_the_pipeline_ends(string ending)
    {
        await using var services = new ServiceCollection().AddLogging()
            .AddTenancy(t => t.WithInMemoryStore(Tenants.All).FromPath()).Services.BuildServiceProvider();
        var current = services.GetRequiredService<ICurrentTenant>();
        (string? Tenant, string PathBase, string Path) seen = default;
        var app = new ApplicationBuilder(services);
        app.UseTenancy();
        app.Run(c =>
        {
            seen = (current.Id, c.Request.PathBase.Value ?? string.Empty, c.Request.Path.Value ?? string.Empty);
            return ending switch
            {
                "sync" => Task.CompletedTask,
                "sync-throw" => throw new InvalidOperationException("endpoint failed"), // Thrown, not a faulted task.
                _ => EndLaterAsync(current, fail: ending == "async-throw"),
            };
        });
        var pipeline = app.Build();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.PathBase = "/app";
        context.Request.Path = "/acme/orders/42";

        var run = async () => await pipeline(context);

        if (ending.EndsWith("throw", StringComparison.Ordinal))
        {
            await run.Should().ThrowAsync<InvalidOperationException>();
        }
        else
        {
            await run.Should().NotThrowAsync();
        }

        seen.Should().Be((Tenants.Acme.Id, "/app/acme", "/orders/42"));
        context.Request.PathBase.Value.Should().Be("/app");
        context.Request.Path.Value.Should().Be("/acme/orders/42");
        current.Tenant.Should().BeNull("the caller's context never sees the request's tenant");
    }

    private static async Task EndLaterAsync(ICurrentTenant current, bool fail)
    {
        await Task.Yield();
        current.Id.Should().Be(Tenants.Acme.Id, "the tenant flows into the continuation");
        if (fail)
        {
            throw new InvalidOperationException("endpoint failed");
        }
    }

    [Fact]
    public async Task Tenant_of_one_request_never_reaches_the_next_request_on_the_same_flow()
    {
        await using var services = new ServiceCollection().AddLogging()
            .AddTenancy(t => t.WithInMemoryStore(Tenants.All).FromHeader("X-Tenant")).Services.BuildServiceProvider();
        var current = services.GetRequiredService<ICurrentTenant>();
        var seen = new List<string?>();
        var app = new ApplicationBuilder(services);
        app.UseTenancy();
        app.Run(_ =>
        {
            seen.Add(current.Id);
            return Task.CompletedTask;
        });
        var pipeline = app.Build();

        foreach (var tenant in new[] { "acme", "globex", "acme" })
        {
            var context = new DefaultHttpContext { RequestServices = services };
            context.Request.Headers["X-Tenant"] = tenant;
            await pipeline(context);
            current.Tenant.Should().BeNull();
        }

        seen.Should().Equal(Tenants.Acme.Id, Tenants.Globex.Id, Tenants.Acme.Id);
    }

    [Fact]
    public async Task A_strategy_that_throws_synchronously_is_answered_503_with_problem_details()
    {
        await using var services = new ServiceCollection().AddLogging()
            .AddTenancy(t => t.WithInMemoryStore(Tenants.All).AddStrategy(new ThrowingStrategy()))
            .Services.BuildServiceProvider();
        var reached = false;
        var app = new ApplicationBuilder(services);
        app.UseTenancy();
        app.Run(_ =>
        {
            reached = true;
            return Task.CompletedTask;
        });
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();

        await app.Build()(context);

        reached.Should().BeFalse();
        context.Response.StatusCode.Should().Be(StatusCodes.Status503ServiceUnavailable);
        context.Response.ContentType.Should().StartWith("application/problem+json");
    }

    private sealed class ThrowingStrategy : Tenancy.Resolution.ITenantResolutionStrategy
    {
        public string Name => "broken";

        public bool IsAuthoritativeFor(in Tenancy.Resolution.TenantRequestView request) => false;

        public Tenancy.Resolution.TenantCandidate GetCandidate(in Tenancy.Resolution.TenantRequestView request) =>
            throw new InvalidOperationException("boom");
    }
}

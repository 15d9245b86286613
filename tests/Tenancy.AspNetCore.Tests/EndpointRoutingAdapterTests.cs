using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Tenancy.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Tenancy.AspNetCore.Tests;

/// <summary>
/// Pins the framework behaviour <see cref="EndpointRoutingAdapter"/> relies on (private <c>UseRouting()</c> property
/// keys). When one of these fails after an ASP.NET Core upgrade, the path strategy's second routing pass must be redone.
/// </summary>
public sealed class EndpointRoutingAdapterTests
{
    private static ApplicationBuilder NewApp() =>
        new(new ServiceCollection()
            .AddRouting()
            .AddLogging()
            .AddSingleton(new System.Diagnostics.DiagnosticListener("Tenancy.AspNetCore.Tests"))
            .BuildServiceProvider());

    [Fact]
    public void UseRouting_keeps_its_route_builder_under_the_key_the_adapter_reads()
    {
        var app = NewApp();
        EndpointRoutingAdapter.RoutingRunsBefore(app).Should().BeFalse();

        app.UseRouting();

        app.Properties.Should().ContainKey(EndpointRoutingAdapter.EndpointRouteBuilderKey)
            .WhoseValue.Should().BeAssignableTo<IEndpointRouteBuilder>();
        EndpointRoutingAdapter.RoutingRunsBefore(app).Should().BeTrue();
    }

    [Fact]
    public async Task WebApplication_keeps_a_global_route_builder_under_the_key_the_adapter_reads()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        IApplicationBuilder pipeline = app;

        pipeline.Properties.Should().ContainKey(EndpointRoutingAdapter.GlobalEndpointRouteBuilderKey)
            .WhoseValue.Should().BeAssignableTo<IEndpointRouteBuilder>();
        EndpointRoutingAdapter.RoutingRunsBefore(pipeline).Should().BeTrue();
    }

    [Fact]
    public async Task A_second_routing_pass_matches_the_endpoints_of_the_first_and_leaves_the_bookkeeping_as_it_was()
    {
        var app = NewApp();
        app.UseRouting();
        var before = app.Properties.ToDictionary(p => p.Key, p => p.Value);
        app.Use(next => context =>
        {
            context.SetEndpoint(null);
            context.Request.Path = "/rebased";
            return next(context);
        });

        EndpointRoutingAdapter.UseRoutingAgain(app);

        app.Properties.Should().Equal(before);
        string? matched = null;
        app.UseEndpoints(e => e.MapGet("/rebased", () => "ok").WithDisplayName("rebased"));
        app.Run(context =>
        {
            matched = context.GetEndpoint()?.DisplayName;
            return Task.CompletedTask;
        });
        var pipeline = app.Build();
        var request = new DefaultHttpContext { RequestServices = app.ApplicationServices };
        request.Request.Method = "GET";
        request.Request.Path = "/acme/rebased";

        await pipeline(request);

        (matched ?? request.GetEndpoint()?.DisplayName).Should().Be("rebased");
    }
}

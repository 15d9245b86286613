using Tenancy.Redis.RateLimiting;

namespace Tenancy.Sample.Host.ScaleOut;

/// <summary>
/// Turns the sample from one process into many by configuration alone: <c>builder.AddSampleScaleOut()</c> and
/// <c>app.MapSampleScaleOut()</c>. With <c>Sample:Redis</c> set (a StackExchange.Redis configuration string) every
/// instance hears the others' tenant changes (Redis backplane), reads tenants through a cache shared in Redis and counts
/// rate limits in Redis (fail open while Redis is down, or fail closed with <c>Sample:RateLimitWhenRedisIsDown=FailClosed</c>).
/// Without it nothing changes: one process, in-process caches and limits. <c>Sample:LoadTestPlanLimit</c> is for
/// benchmarks/ScaleOut/loadtest.sh: a plan <c>loadtest</c> with that many requests per 10 minutes, and <c>GET /plain</c>
/// answered ahead of the whole pipeline (no tenancy at all) as the baseline.
/// </summary>
public static class SampleScaleOutExtensions
{
    /// <summary>Adds the Redis backplane, the shared tenant cache and the shared rate limits when <c>Sample:Redis</c> is set.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddSampleScaleOut(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Configuration.GetValue<int?>("Sample:LoadTestPlanLimit") is { } limit)
        {
            builder.Services.AddTenancyRateLimiter(limits => limits.AddPlan(
                "loadtest",
                new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(10) }));
            builder.Services.AddTransient<IStartupFilter, PlainEndpointStartupFilter>();
        }

        var redis = builder.Configuration["Sample:Redis"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            return builder;
        }

        var whenDown = builder.Configuration.GetValue("Sample:RateLimitWhenRedisIsDown", RedisUnavailablePolicy.FailOpen);
        builder.Services.AddTenancy(tenancy => tenancy
            .AddRedisBackplane(redis)
            .AddRedisTenantCache(redis)
            .AddRedisRateLimiter(redis, limits => limits.WhenRedisIsDown = whenDown)
            .AddRedisSignInState(redis));
        builder.Services.AddHealthChecks().AddTenancyRedisBackplaneCheck();
        return builder;
    }

    /// <summary>Maps <c>GET /scale-out</c>: whether this instance runs with the Redis scale-out parts.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapSampleScaleOut(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var redis = !string.IsNullOrWhiteSpace(app.Configuration["Sample:Redis"]);
        app.MapGet("/scale-out", () => Results.Ok(new { MultiInstance = redis, Backplane = redis ? "redis" : "in-process" })).AllowWithoutTenant();
        return app;
    }

    /// <summary>Answers <c>GET /plain</c> before any other middleware: the load test's baseline without tenancy.</summary>
    private sealed class PlainEndpointStartupFilter : IStartupFilter
    {
        private static readonly byte[] Body = """{"id":"none","identifier":"none","name":"No tenant"}"""u8.ToArray();

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(static (context, nextMiddleware) =>
            {
                if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path != "/plain")
                {
                    return nextMiddleware(context);
                }

                context.Response.ContentType = "application/json";
                return context.Response.Body.WriteAsync(Body).AsTask();
            });
            next(app);
        };
    }
}

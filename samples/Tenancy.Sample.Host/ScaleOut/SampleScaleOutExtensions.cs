using Tenancy.Redis.RateLimiting;

namespace Tenancy.Sample.Host.ScaleOut;

/// <summary>
/// Turns the sample from one process into many by configuration alone: <c>builder.AddSampleScaleOut()</c> and
/// <c>app.MapSampleScaleOut()</c>. With <c>Sample:Redis</c> set (a StackExchange.Redis configuration string) every
/// instance hears the others' tenant changes (Redis backplane), reads tenants through a cache shared in Redis and counts
/// rate limits in Redis (fail open while Redis is down, or fail closed with <c>Sample:RateLimitWhenRedisIsDown=FailClosed</c>).
/// Without it nothing changes: one process, in-process caches and limits. <c>Sample:LoadTestPlanLimit</c> adds a plan
/// <c>loadtest</c> with that many requests per 10 minutes (benchmarks/ScaleOut/loadtest.sh).
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
            // For the load test (docs/benchmarks.md): a plan whose fixed window admits the whole run, so every request
            // goes through the limiter (and Redis, when on) and is answered 200.
            builder.Services.AddTenantRateLimiter(limits => limits.AddPlan(
                "loadtest",
                new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(10) }));
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
            .AddRedisRateLimiter(redis, limits => limits.WhenRedisIsDown = whenDown));
        builder.Services.AddHealthChecks().AddTenancyRedisBackplaneCheck();
        return builder;
    }

    /// <summary>
    /// Maps <c>GET /plain</c>: the same small answer as <c>/tenant</c> without a tenant, for comparing the cost of
    /// resolution and rate limiting under load (docs/benchmarks.md).
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapSampleScaleOut(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/plain", () => Results.Ok(new { Id = "none", Identifier = "none", Name = "No tenant" })).AllowWithoutTenant();
        return app;
    }
}

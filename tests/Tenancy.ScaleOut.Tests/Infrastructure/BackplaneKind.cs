using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tenancy.ScaleOut.Tests.Infrastructure;

public enum BackplaneKind
{
    Redis,
    PostgreSql,
}

internal static class BackplaneSetup
{
    /// <summary>Adds the backplane (Redis on its own key prefix, so parallel tests do not hear each other) and its health check.</summary>
    public static Action<TenancyBuilder> For(BackplaneKind kind, ScaleOutDatabase database, string? redis = null, string? prefix = null) => tenancy =>
    {
        if (kind == BackplaneKind.Redis)
        {
            tenancy.AddRedisBackplane(redis ?? TestServers.Redis, o => o.Prefix = prefix ?? database.Name + ":");
            tenancy.Services.AddHealthChecks().AddTenancyRedisBackplaneCheck("backplane");
        }
        else
        {
            tenancy.AddPostgreSqlBackplane(database.ConnectionString, o => o.KeepAlive = TimeSpan.FromSeconds(1));
            tenancy.Services.AddHealthChecks().AddTenancyPostgreSqlBackplaneCheck("backplane");
        }
    };

    /// <summary>Starts two instances with the backplane and waits until both listen.</summary>
    public static async Task<(Instance A, Instance B)> StartPairAsync(BackplaneKind kind, ScaleOutDatabase database, string? redis = null)
    {
        var a = await Instance.StartAsync(database, For(kind, database, redis));
        var b = await Instance.StartAsync(database, For(kind, database, redis));
        await a.UntilBackplaneIsAsync(HealthStatus.Healthy);
        await b.UntilBackplaneIsAsync(HealthStatus.Healthy);
        return (a, b);
    }

    public static async Task<HealthStatus> BackplaneHealthAsync(this Instance instance)
    {
        var report = await instance.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "backplane");
        return report.Entries["backplane"].Status;
    }

    public static Task<TimeSpan> UntilBackplaneIsAsync(this Instance instance, HealthStatus status, TimeSpan? timeout = null) =>
        Eventually.WithinAsync(timeout ?? TimeSpan.FromSeconds(30), async () => await instance.BackplaneHealthAsync() == status, $"the backplane is {status}");
}

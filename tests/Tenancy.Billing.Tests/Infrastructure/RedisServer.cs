using Tenancy.Testing;
using Tenancy.Testing.Redis;

namespace Tenancy.Billing.Tests.Infrastructure;

/// <summary>The shared test Redis (TENANCY_TEST_REDIS), and private throw-away servers for fault tests (TENANCY_REDIS_SERVER).</summary>
internal static class RedisServer
{
    public static string Shared => TestServers.Redis;

    /// <summary>A unique key prefix so tests sharing the server never see each other's keys.</summary>
    public static string UniquePrefix() => "test:" + Guid.NewGuid().ToString("N")[..12] + ":";

    /// <summary>Starts a private server on a free port, with an append-only file synced on every write so a kill loses nothing.</summary>
    public static Task<PrivateRedisServer> StartPrivateAsync() =>
        PrivateRedisServer.StartAsync(durable: true, clientOptions: "syncTimeout=2000,asyncTimeout=2000");
}

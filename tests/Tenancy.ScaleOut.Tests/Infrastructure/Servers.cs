namespace Tenancy.ScaleOut.Tests.Infrastructure;

/// <summary>The real servers that eng/test.sh starts; a missing one fails the test loudly.</summary>
internal static class Servers
{
    public static string Postgres => Required("TENANCY_TEST_POSTGRES", "PostgreSQL");

    public static string Redis => Required("TENANCY_TEST_REDIS", "Redis");

    public static string RedisServerBinary => Required("TENANCY_REDIS_SERVER", "the redis-server binary (for private fault-test servers)");

    private static string Required(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: these tests need {what}. Start it with ./eng/test.sh (or ./eng/dev-services.sh and source .services/env.sh).");
}

namespace Tenancy.Testing;

/// <summary>
/// The real servers the integration tests use, as eng/services/*.sh export them (run by ./eng/test.sh, or by
/// ./eng/dev-services.sh for <c>source .services/env.sh</c>). A missing one fails the test loudly: it never skips.
/// </summary>
public static class TestServers
{
    /// <summary>An Npgsql connection string for a superuser on the test PostgreSQL server (eng/services/postgres.sh).</summary>
    public const string PostgresVariable = "TENANCY_TEST_POSTGRES";

    /// <summary>A StackExchange.Redis configuration for the shared test Redis (eng/services/redis.sh).</summary>
    public const string RedisVariable = "TENANCY_TEST_REDIS";

    /// <summary>The redis-server binary, for tests that start (and kill) servers of their own (eng/services/redis.sh).</summary>
    public const string RedisServerVariable = "TENANCY_REDIS_SERVER";

    /// <summary>The URL of the S3-compatible test server (eng/services/s3.sh).</summary>
    public const string S3UrlVariable = "TENANCY_TEST_S3_URL";

    /// <summary>The superuser connection string of the test PostgreSQL server.</summary>
    public static string Postgres => Required(PostgresVariable, "the PostgreSQL server that eng/services/postgres.sh starts");

    /// <summary>The shared test Redis's configuration string.</summary>
    public static string Redis => Required(RedisVariable, "the Redis server that eng/services/redis.sh starts");

    /// <summary>The path of the redis-server binary.</summary>
    public static string RedisServerBinary => Required(RedisServerVariable, "the redis-server binary that eng/services/redis.sh finds (fault tests start their own servers)");

    /// <summary>The value of <paramref name="variable"/>; throws (the test fails) when it is not set.</summary>
    public static string Required(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: these tests need {what}. Start it with ./eng/test.sh (or ./eng/dev-services.sh and source .services/env.sh).");

    /// <summary>The value of <paramref name="variable"/>, or <paramref name="fallback"/> when it is not set.</summary>
    public static string Optional(string variable, string fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : fallback;
}

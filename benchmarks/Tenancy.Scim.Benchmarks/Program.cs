using BenchmarkDotNet.Running;
using Tenancy.Scim.Benchmarks;

// dotnet run -c Release --project benchmarks/Tenancy.Scim.Benchmarks -- latency   → p50/p99 of the HTTP lookups (PostgreSQL)
if (args is ["latency", ..])
{
    await LatencyRun.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5000);
    return;
}

if (args is ["explain", ..])
{
    await using var host = await ScimBenchmarkHost.StartAsync();
    await using var connection = new Npgsql.NpgsqlConnection(host.AppConnectionString);
    await connection.OpenAsync();
    foreach (var sql in new[]
    {
        "SET tenancy.tenant_id = 't0'",
        "EXPLAIN ANALYZE SELECT * FROM \"ScimUsers\" AS s WHERE s.\"TenantId\" = 't0' AND s.\"UserNameKey\" = 'USER77@TENANT0.EXAMPLE.COM' ORDER BY s.\"Id\" LIMIT 100",
        "EXPLAIN ANALYZE SELECT m.\"MemberId\", g.\"Id\", g.\"DisplayName\" FROM \"ScimGroupMembers\" AS m JOIN \"ScimGroups\" AS g ON m.\"GroupId\" = g.\"Id\" WHERE m.\"TenantId\" = 't0' AND g.\"TenantId\" = 't0' AND m.\"MemberId\" = ANY (ARRAY['bench-user-t0-77'])",
    })
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine(reader.GetValue(0));
        }
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(FilterParseBenchmarks).Assembly).Run(args);

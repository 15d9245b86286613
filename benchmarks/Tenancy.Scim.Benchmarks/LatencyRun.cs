using System.Diagnostics;
using System.Globalization;

namespace Tenancy.Scim.Benchmarks;

/// <summary>
/// Percentiles that BenchmarkDotNet does not report per operation: sequential requests after a warm-up, each timed
/// with a <see cref="Stopwatch"/>; prints p50/p90/p99/max in milliseconds.
/// </summary>
internal static class LatencyRun
{
    public static async Task RunAsync(int requests)
    {
        await using var host = await ScimBenchmarkHost.StartAsync();
        var random = new Random(42);
        await Measure("GET userName eq (100k users, 10 tenants)", requests, i => Requests.LookupAsync(host.Client, random.Next(ScimBenchmarkHost.UsersInTenant)));
        await Measure("PATCH active", requests / 5, i => Requests.PatchActiveAsync(host.Client, random.Next(ScimBenchmarkHost.UsersInTenant)));
        await Measure("PATCH add+remove member, 50k group", requests / 10, i => Requests.AddAndRemoveMemberAsync(host.Client, ScimBenchmarkHost.GroupMembers + random.Next(1000)));
        await Measure("POST /Users", requests / 5, i => Requests.PostUserAsync(host.Client, Guid.NewGuid().ToString("N")));
    }

    private static async Task Measure(string name, int count, Func<int, Task> action)
    {
        for (var i = 0; i < Math.Min(200, count); i++)
        {
            await action(i);
        }

        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action(i);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        double P(double q) => times[Math.Min(count - 1, (int)Math.Ceiling(q * count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: n={count} p50={P(0.50):F2} ms p90={P(0.90):F2} ms p99={P(0.99):F2} ms max={times[^1]:F2} ms"));
    }
}

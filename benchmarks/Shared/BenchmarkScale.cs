namespace Tenancy.Benchmarks;

/// <summary>
/// The store sizes a benchmark runs with: 10, 10,000 and 1,000,000 tenants, or the comma-separated list in
/// <c>TENANCY_BENCH_TENANTS</c> (<c>eng/bench.sh</c> sets <c>10,1000000</c> to stay within its time budget).
/// </summary>
internal static class BenchmarkScale
{
    /// <summary>The store sizes.</summary>
    public static IEnumerable<int> Tenants() =>
        Environment.GetEnvironmentVariable("TENANCY_BENCH_TENANTS") is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse)
            : [10, 10_000, 1_000_000];
}

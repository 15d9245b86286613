using BenchmarkDotNet.Running;
using Tenancy.Scim.Benchmarks;

// dotnet run -c Release --project benchmarks/Tenancy.Scim.Benchmarks -- latency   → p50/p99 of the HTTP lookups (PostgreSQL)
if (args is ["latency", ..])
{
    await LatencyRun.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(FilterParseBenchmarks).Assembly).Run(args);

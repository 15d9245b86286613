using BenchmarkDotNet.Running;
using Tenancy.Billing.Benchmarks;

if (args.Contains("--latency"))
{
    await LatencyProbe.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

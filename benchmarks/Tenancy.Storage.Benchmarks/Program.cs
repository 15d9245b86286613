using BenchmarkDotNet.Running;
using Tenancy.Storage.Benchmarks;

// "peak-memory" streams a generated 1 GiB object into the store and reports peak memory; anything else runs BenchmarkDotNet.
if (args.Length > 0 && args[0] == "peak-memory")
{
    return await PeakMemory.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

using BenchmarkDotNet.Running;

if (!Tenancy.Benchmarks.MinOfBatches.TryRun(args))
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

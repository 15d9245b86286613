using BenchmarkDotNet.Running;
using Tenancy.EntityFramework.Benchmarks;

if (args is ["--interleaved", ..])
{
    InterleavedComparison.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

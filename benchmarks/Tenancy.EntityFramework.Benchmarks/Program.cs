using BenchmarkDotNet.Running;

if (args is ["experiment"]) { Tenancy.EntityFramework.Benchmarks.Experiment.Run(); return; }
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

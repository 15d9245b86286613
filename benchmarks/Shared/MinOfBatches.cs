using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Tenancy.Benchmarks;

/// <summary>
/// A rough timer for a busy machine: <c>dotnet run -c Release -- --min-of-batches &lt;BenchmarkClass&gt;</c> runs every
/// [Benchmark] method of the class for every combination of its string [Params] and the store sizes of
/// <c>TENANCY_BENCH_TENANTS</c>, in batches of 1,000 calls after a warm-up to tier 1, the methods of one case interleaved
/// batch by batch, and prints the fastest batch's time per call. At a load average of 25 on 2 cores most 1,000-call
/// batches still run without being preempted, so the minimum stays near an idle core's time where BenchmarkDotNet's
/// 100 ms iterations are inflated 3–10×. No statistics, no allocation figures: use it for before/after while the machine
/// is busy, and BenchmarkDotNet (<c>eng/bench.sh</c>) on a quiet one.
/// </summary>
internal static class MinOfBatches
{
    private const int Batch = 1_000;
    private const int Rounds = 400;

    /// <summary>Runs and returns <see langword="true"/> when <paramref name="args"/> ask for it.</summary>
    public static bool TryRun(string[] args)
    {
        if (args.Length < 2 || args[0] != "--min-of-batches")
        {
            return false;
        }

        var type = typeof(MinOfBatches).Assembly.GetTypes().Single(t => t.Name == args[1]);
        var strings = type.GetProperties()
            .Select(p => (Property: p, Values: p.GetCustomAttribute<ParamsAttribute>()?.Values.OfType<string>().ToArray()))
            .Where(p => p.Values is { Length: > 0 })
            .ToArray();
        var tenants = type.GetProperty("Tenants");
        var cases = new List<Dictionary<PropertyInfo, object>> { new() };
        foreach (var (property, values) in strings)
        {
            cases = [.. cases.SelectMany(c => values!.Select(v => new Dictionary<PropertyInfo, object>(c) { [property] = v }))];
        }

        if (tenants is not null)
        {
            cases = [.. cases.SelectMany(c => BenchmarkScale.Tenants().Select(n => new Dictionary<PropertyInfo, object>(c) { [tenants] = n }))];
        }

        Console.WriteLine("| Method | Case | ns per call (fastest batch) |");
        Console.WriteLine("| --- | --- | ---: |");
        foreach (var values in cases)
        {
            Run(type, values);
        }

        return true;
    }

    private static void Run(Type type, Dictionary<PropertyInfo, object> values)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var (property, value) in values)
        {
            property.SetValue(instance, value);
        }

        type.GetMethods().SingleOrDefault(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null)?.Invoke(instance, null);
        var methods = type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).ToArray();
        var loops = methods.Select(m => Loop(instance, m)).ToArray();
        foreach (var loop in loops)
        {
            loop(300_000);
        }

        Thread.Sleep(300); // Lets the tiered JIT install its optimised code.
        foreach (var loop in loops)
        {
            loop(300_000);
        }

        var best = Enumerable.Repeat(double.MaxValue, loops.Length).ToArray();
        var watch = new Stopwatch();
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < loops.Length; i++)
            {
                watch.Restart();
                loops[i](Batch);
                best[i] = Math.Min(best[i], watch.Elapsed.TotalNanoseconds / Batch);
            }
        }

        var label = string.Join(", ", values.Select(v => $"{v.Key.Name}={v.Value}"));
        for (var i = 0; i < methods.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {methods[i].Name} | {label} | {best[i]:F1} |"));
        }

        type.GetMethods().SingleOrDefault(m => m.GetCustomAttribute<GlobalCleanupAttribute>() is not null)?.Invoke(instance, null);
    }

    private static Action<int> Loop(object instance, MethodInfo method)
    {
        if (method.ReturnType == typeof(Task))
        {
            var call = method.CreateDelegate<Func<Task>>(instance);
            return n =>
            {
                for (var i = 0; i < n; i++)
                {
                    call().GetAwaiter().GetResult();
                }
            };
        }

        if (method.ReturnType.IsValueType)
        {
            // int, bool and the like: a typed delegate through a generic helper, so nothing is boxed per call.
            return (Action<int>)typeof(MinOfBatches).GetMethod(nameof(ValueLoop), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(method.ReturnType).Invoke(null, [instance, method])!;
        }

        var reference = (Func<object?>)Delegate.CreateDelegate(typeof(Func<object?>), instance, method);
        return n =>
        {
            for (var i = 0; i < n; i++)
            {
                reference();
            }
        };
    }

    private static Action<int> ValueLoop<T>(object instance, MethodInfo method)
    {
        var call = method.CreateDelegate<Func<T>>(instance);
        return n =>
        {
            for (var i = 0; i < n; i++)
            {
                call();
            }
        };
    }
}

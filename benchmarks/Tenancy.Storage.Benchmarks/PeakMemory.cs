using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tenancy.Storage.Tests;
using Tenancy.Storage.Objects;

namespace Tenancy.Storage.Benchmarks;

/// <summary>
/// Streams a generated (never materialised) object into the store and reports the process's peak working set and the
/// bytes the GC allocated. Usage: <c>peak-memory disk [folder] [MiB]</c> or <c>peak-memory s3 [MiB]</c> (reads
/// TENANCY_TEST_S3_URL, as the tests do).
/// </summary>
internal static class PeakMemory
{
    public static async Task<int> RunAsync(string[] args)
    {
        var backend = args.Length > 0 ? args[0] : "disk";
        var folder = backend == "disk" && args.Length > 1 ? args[1] : Path.Join(Path.GetTempPath(), "tenancy-peak-" + Guid.NewGuid().ToString("N"));
        var mib = long.Parse(args.Length > (backend == "disk" ? 2 : 1) ? args[^1] : "1024", System.Globalization.CultureInfo.InvariantCulture);
        var size = mib * 1024 * 1024;

        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        string? bucket = null;
        var tenancy = services.AddTenancy(t => t.WithInMemoryStore(new TenantInfo("acme", "acme", "Acme")));
        if (backend == "s3")
        {
            var url = Environment.GetEnvironmentVariable("TENANCY_TEST_S3_URL") ?? throw new InvalidOperationException("Set TENANCY_TEST_S3_URL (source eng/services/s3.sh).");
            bucket = "peak-" + Guid.NewGuid().ToString("N")[..12];
            using (var admin = new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config { ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" }))
            {
                await admin.PutBucketAsync(bucket);
            }

            tenancy.AddTenancyStorage(s => s.UseS3(bucket, o =>
            {
                o.ServiceUrl = new Uri(url);
                o.AccessKeyId = "test";
                o.SecretAccessKey = "test";
            }));
        }
        else
        {
            tenancy.AddTenancyStorage(s => s.UseLocalDisk(folder));
        }

        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<ITenantObjectStore>();
        using var scope = AmbientCurrentTenant.Instance.Begin(new TenantInfo("acme", "acme", "Acme"));

        // Warm up (JIT, SDK, connection) with a small object, then measure.
        await store.PutAsync("warmup.bin", new GeneratedStream(1024 * 1024, 1));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baselineWorkingSet = process.WorkingSet64;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long peakWorkingSet = baselineWorkingSet, peakHeap = GC.GetGCMemoryInfo().HeapSizeBytes;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                try
                {
                    await Task.Delay(20, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        var stopwatch = Stopwatch.StartNew();
        var info = await store.PutAsync("big/1gb.bin", new GeneratedStream(size, 7));
        stopwatch.Stop();
        await sampling.CancelAsync();
        await sampler;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Console.WriteLine($"backend={backend} size={info.Size:N0} B ({mib} MiB) etag={info.ETag}");
        Console.WriteLine($"elapsed={stopwatch.Elapsed.TotalSeconds:F1} s throughput={mib / stopwatch.Elapsed.TotalSeconds:F0} MiB/s");
        Console.WriteLine($"working set: baseline={Mib(baselineWorkingSet)} peak={Mib(peakWorkingSet)} growth={Mib(peakWorkingSet - baselineWorkingSet)} (sampled every 20 ms)");
        Console.WriteLine($"GC heap peak={Mib(peakHeap)} allocated during upload={Mib(allocated)}");

        await store.DeleteAsync("big/1gb.bin");
        await store.DeleteAsync("warmup.bin");
        if (backend == "disk" && args.Length < 2)
        {
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024.0):F1} MiB";
}

using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tenancy.Diagnostics;
using Tenancy.Storage.Diagnostics;
using Tenancy.Storage.S3;
using Tenancy.Storage.Exceptions;
using Tenancy.Storage.Objects;
using static Tenancy.Storage.Tests.StoreFixture;

namespace Tenancy.Storage.Tests;

public sealed class ConfigurationTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Storage_without_a_backend_is_refused_when_configured()
    {
        var services = new ServiceCollection();
        var act = () => services.AddTenancy().AddTenancyStorage(_ => { });
        act.Should().Throw<InvalidOperationException>().WithMessage("*UseLocalDisk*UseS3*Tenancy.Storage.S3*UseBackend*");
    }

    [Fact]
    public void Every_storage_log_event_has_a_name_and_an_id_in_the_storage_range()
    {
        var events = new[] { typeof(Tenancy.Storage.Diagnostics.Log), typeof(S3StorageOptions).Assembly.GetType("Tenancy.Storage.S3.Diagnostics.Log")! }
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
            .Select(m => m.GetCustomAttributes(typeof(LoggerMessageAttribute), false).Cast<LoggerMessageAttribute>().SingleOrDefault())
            .OfType<LoggerMessageAttribute>()
            .ToList();
        events.Should().HaveCountGreaterThan(5);
        events.Should().OnlyContain(e => e.EventId >= 4000 && e.EventId <= 4999 && !string.IsNullOrEmpty(e.EventName));
        events.Select(e => e.EventId).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void The_storage_package_does_not_depend_on_the_AWS_SDK_so_local_disk_apps_do_not_download_it()
    {
        typeof(ITenantObjectStore).Assembly.GetReferencedAssemblies().Select(a => a.Name)
            .Should().NotContain(name => name!.StartsWith("AWSSDK", StringComparison.OrdinalIgnoreCase));
        typeof(S3StorageOptions).Assembly.GetReferencedAssemblies().Select(a => a.Name).Should().Contain("AWSSDK.S3");
    }

    [Theory]
    [InlineData("/tenants")]
    [InlineData("tenants/")]
    [InlineData("../tenants")]
    [InlineData(".tenancy")]
    public void A_malformed_root_prefix_fails_validation(string rootPrefix)
    {
        using var provider = Build(s => s.UseLocalDisk(_root.Path).WithRootPrefix(rootPrefix));
        var act = () => provider.GetRequiredService<IOptions<TenancyStorageOptions>>().Value;
        act.Should().Throw<OptionsValidationException>();
    }

    [Theory]
    [InlineData(1024, 8 * 1024 * 1024)]
    [InlineData(8 * 1024 * 1024, 1024)]
    public void S3_part_sizes_below_the_S3_minimum_fail_validation(int threshold, int partSize)
    {
        using var provider = Build(s => s.UseS3("bucket", o =>
        {
            o.MultipartThresholdBytes = threshold;
            o.PartSizeBytes = partSize;
        }));
        var act = () => provider.GetRequiredService<IOptions<S3StorageOptions>>().Value;
        act.Should().Throw<OptionsValidationException>();
    }

    [Fact]
    public void S3_credentials_must_come_in_pairs()
    {
        using var provider = Build(s => s.UseS3("bucket", o => o.AccessKeyId = "only-the-id"));
        var act = () => provider.GetRequiredService<IOptions<S3StorageOptions>>().Value;
        act.Should().Throw<OptionsValidationException>().WithMessage("*AccessKeyId*");
    }

    [Fact]
    public async Task Operations_emit_metrics_and_activities_tagged_with_the_tenant()
    {
        var activities = new List<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == StorageTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (activities)
                {
                    activities.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(activityListener);

        // The host's own meter factory: another test's storage traffic in this process is never counted here.
        await using var provider = Build(s => s.UseLocalDisk(_root.Path), t => t.Services.AddMetrics());
        var meterFactory = provider.GetRequiredService<IMeterFactory>();
        using var operations = new MetricCollector<long>(meterFactory, StorageTelemetry.Name, StorageTelemetry.OperationsCounter);
        using var bytesWritten = new MetricCollector<long>(meterFactory, StorageTelemetry.Name, StorageTelemetry.BytesWrittenCounter);
        var store = provider.GetRequiredService<ITenantObjectStore>();
        using (AmbientCurrentTenant.Instance.Begin(Acme))
        {
            await store.PutAsync("a.txt", Text("12345"));
            var bad = async () => await store.GetAsync("../globex/a.txt");
            await bad.Should().ThrowAsync<InvalidObjectKeyException>();
        }

        operations.GetMeasurementSnapshot().Should().Contain(m => (string?)m.Tags[TenancyTelemetry.TenantIdTag] == "acme"
            && (string?)m.Tags[StorageTelemetry.OperationTag] == "put" && (string?)m.Tags[StorageTelemetry.OutcomeTag] == "ok");
        operations.GetMeasurementSnapshot().Should().Contain(m =>
            (string?)m.Tags[StorageTelemetry.OperationTag] == "get" && (string?)m.Tags[StorageTelemetry.OutcomeTag] == "invalid_key");
        bytesWritten.GetMeasurementSnapshot().Should().Contain(m => m.Value == 5 && (string?)m.Tags[TenancyTelemetry.TenantIdTag] == "acme");

        lock (activities)
        {
            activities.Should().Contain(a => a.OperationName == "storage.put" && (string?)a.GetTagItem(TenancyTelemetry.TenantIdTag) == "acme");
        }
    }

    [Fact]
    public async Task The_health_check_reports_a_reachable_store_as_healthy()
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddTenancy().AddTenancyStorage(s => s.UseLocalDisk(_root.Path));
        services.AddHealthChecks().AddTenancyStorageCheck();
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        report.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task The_health_check_reports_an_unreachable_S3_endpoint_as_unhealthy()
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddTenancy().AddTenancyStorage(s => s.UseS3("missing-bucket", o =>
        {
            o.ServiceUrl = new Uri("http://127.0.0.1:9");
            o.AccessKeyId = "x";
            o.SecretAccessKey = "y";
        }));
        services.AddHealthChecks().AddTenancyStorageCheck();
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        report.Status.Should().Be(HealthStatus.Unhealthy);
    }
}

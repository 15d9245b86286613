using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Tenancy.Billing.Events;
using Tenancy.Billing.Plans;
using Tenancy.Billing.Quotas;

namespace Tenancy.Billing.Tests.Infrastructure;

/// <summary>A started generic host with Tenancy and Tenancy.Billing (in-process counters unless configured otherwise).</summary>
public sealed class BillingHost : IAsyncDisposable
{
    private BillingHost(IHost host, FakeTimeProvider time, RecordingHandler events)
    {
        Host = host;
        Time = time;
        Events = events;
    }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public FakeTimeProvider Time { get; }

    public RecordingHandler Events { get; }

    public IQuotaGuard Guard => Services.GetRequiredService<IQuotaGuard>();

    public ICurrentTenant Current => Services.GetRequiredService<ICurrentTenant>();

    public static readonly DateTimeOffset Start = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public static async Task<BillingHost> StartAsync(
        Action<BillingBuilder>? billing = null,
        Action<PlanCatalogOptions>? plans = null,
        FakeTimeProvider? time = null,
        Action<IServiceCollection>? services = null,
        TenantInfo[]? tenants = null)
    {
        time ??= new FakeTimeProvider(Start);
        var events = new RecordingHandler();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IBillingEventHandler>(events);
        builder.Services.AddTenancy(t => t.WithInMemoryStore(tenants ?? Tenants.All)).AddTenancyBilling(b =>
        {
            b.UsePlans(plans ?? TestPlans.Configure);
            b.AddGauge("storage-bytes", (_, _, _) => ValueTask.FromResult(0L)).AddGauge("seats", (_, _, _) => ValueTask.FromResult(0L));
            billing?.Invoke(b);
        });
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new BillingHost(host, time, events);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}

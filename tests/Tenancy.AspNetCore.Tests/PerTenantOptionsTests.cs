using Microsoft.Extensions.Options;
using Tenancy.AspNetCore.Tests.Infrastructure;
using Tenancy.Events;
using Tenancy.Stores;

namespace Tenancy.AspNetCore.Tests;

/// <summary>IOptions, IOptionsSnapshot and IOptionsMonitor answer with the current tenant's values, and only with them.</summary>
public sealed class PerTenantOptionsTests
{
    public sealed class BrandingOptions
    {
        public string Title { get; set; } = "Host";

        public string Color { get; set; } = "grey";
    }

    private static ServiceProvider BuildServices(Action<IServiceCollection>? extra = null)
    {
        var services = new ServiceCollection();
        services.AddTenancy(t => t.WithInMemoryStore(Tenants.All));
        services.Configure<BrandingOptions>(o => o.Color = "blue");
        services.ConfigurePerTenant<BrandingOptions>((o, tenant) => o.Title = tenant.Name);
        extra?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    [Fact]
    public void Options_snapshot_and_monitor_answer_with_the_current_tenants_values()
    {
        using var services = BuildServices();
        using var scope = services.CreateScope();
        var options = services.GetRequiredService<IOptions<BrandingOptions>>();
        var snapshot = scope.ServiceProvider.GetRequiredService<IOptionsSnapshot<BrandingOptions>>();
        var monitor = services.GetRequiredService<IOptionsMonitor<BrandingOptions>>();
        var current = services.GetRequiredService<ICurrentTenant>();

        using (current.Begin(Tenants.Acme))
        {
            options.Value.Title.Should().Be("Acme Ltd");
            snapshot.Value.Title.Should().Be("Acme Ltd");
            monitor.CurrentValue.Title.Should().Be("Acme Ltd");
            options.Value.Color.Should().Be("blue", "configuration registered before the per-tenant one still applies");
        }

        using (current.Begin(Tenants.Globex))
        {
            options.Value.Title.Should().Be("Globex Corp");
            snapshot.Value.Title.Should().Be("Globex Corp");
            monitor.CurrentValue.Title.Should().Be("Globex Corp");
        }

        options.Value.Title.Should().Be("Host", "with no tenant current the host's values apply");
    }

    [Fact]
    public void Options_are_built_once_per_tenant()
    {
        using var services = BuildServices();
        var options = services.GetRequiredService<IOptions<BrandingOptions>>();
        var current = services.GetRequiredService<ICurrentTenant>();

        using (current.Begin(Tenants.Acme))
        {
            options.Value.Should().BeSameAs(options.Value);
            services.GetRequiredService<IOptionsMonitor<BrandingOptions>>().CurrentValue.Should().BeSameAs(options.Value);
        }
    }

    [Fact]
    public void Named_options_are_configured_per_tenant_for_their_name_only()
    {
        using var services = BuildServices(s => s.ConfigurePerTenant<BrandingOptions>("email", (o, tenant) => o.Title = $"{tenant.Name} mail"));
        var monitor = services.GetRequiredService<IOptionsMonitor<BrandingOptions>>();

        using (services.GetRequiredService<ICurrentTenant>().Begin(Tenants.Globex))
        {
            monitor.Get("email").Title.Should().Be("Globex Corp mail");
            monitor.CurrentValue.Title.Should().Be("Globex Corp");
        }
    }

    [Fact]
    public async Task Tenant_change_resets_that_tenants_options_only()
    {
        using var services = BuildServices();
        var options = services.GetRequiredService<IOptions<BrandingOptions>>();
        var current = services.GetRequiredService<ICurrentTenant>();
        BrandingOptions acmeBefore, globexBefore;
        using (current.Begin(Tenants.Acme))
        {
            acmeBefore = options.Value;
        }

        using (current.Begin(Tenants.Globex))
        {
            globexBefore = options.Value;
        }

        var renamed = Tenants.Acme with { Name = "Acme Renamed" };
        await services.GetRequiredService<IWritableTenantStore>().UpdateAsync(renamed);

        using (current.Begin(renamed))
        {
            options.Value.Title.Should().Be("Acme Renamed");
            options.Value.Should().NotBeSameAs(acmeBefore);
        }

        using (current.Begin(Tenants.Globex))
        {
            options.Value.Should().BeSameAs(globexBefore);
        }
    }

    [Fact]
    public void Cache_stays_within_its_bound()
    {
        using var services = BuildServices(s => s.Configure<TenantOptionsCacheOptions>(o => o.MaxEntries = 3));
        var options = services.GetRequiredService<IOptions<BrandingOptions>>();
        var cache = services.GetRequiredService<TenantOptionsCache<BrandingOptions>>();
        var current = services.GetRequiredService<ICurrentTenant>();

        foreach (var tenant in Tenants.Many(10))
        {
            using (current.Begin(tenant))
            {
                options.Value.Title.Should().Be(tenant.Name);
            }

            cache.Count.Should().BeLessThanOrEqualTo(3);
        }
    }

    [Fact]
    public async Task Parallel_work_for_many_tenants_never_sees_another_tenants_options()
    {
        using var services = BuildServices();
        var options = services.GetRequiredService<IOptions<BrandingOptions>>();
        var monitor = services.GetRequiredService<IOptionsMonitor<BrandingOptions>>();
        var current = services.GetRequiredService<ICurrentTenant>();
        var tenants = Tenants.Many(20).ToArray();

        var mismatches = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 2000), async (i, _) =>
        {
            var tenant = tenants[i % tenants.Length];
            using (current.Begin(tenant))
            {
                await Task.Yield();
                if (options.Value.Title != tenant.Name || monitor.CurrentValue.Title != tenant.Name)
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        });

        mismatches.Should().Be(0);
    }

    [Fact]
    public async Task Parallel_requests_each_get_their_own_tenants_options()
    {
        await using var app = await TestApp.StartAsync(
            t => t.FromHeader("X-Tenant").ConfigurePerTenant<BrandingOptions>((o, tenant) => o.Title = tenant.Name),
            endpoints: a => a.MapGet("/branding", (IOptionsSnapshot<BrandingOptions> snapshot, IOptions<BrandingOptions> options) =>
                $"{snapshot.Value.Title}|{options.Value.Title}"));
        var tenants = Tenants.Many(20).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            var tenant = tenants[i % tenants.Length];
            using var response = await app.GetAsync("/branding", ("X-Tenant", tenant.Identifier));
            return (tenant.Name, Body: await response.Content.ReadAsStringAsync());
        }));

        results.Should().OnlyContain(r => r.Body == $"{r.Name}|{r.Name}");
    }

    [Fact]
    public void Change_published_by_another_process_resets_the_tenants_options()
    {
        using var services = BuildServices();
        var options = services.GetRequiredService<IOptions<BrandingOptions>>();
        using var scope = services.GetRequiredService<ICurrentTenant>().Begin(Tenants.Globex);
        var before = options.Value;

        services.GetRequiredService<ITenantChangeNotifier>().Publish(new TenantChange(TenantChangeKind.Updated, Tenants.Globex.Id, Tenants.Globex, Tenants.Globex));

        options.Value.Should().NotBeSameAs(before);
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tenancy.Core.Tests.Support;
using Tenancy.Events;
using Tenancy.Resolution;
using Tenancy.Stores;

namespace Tenancy.Core.Tests.DependencyInjection;

public sealed class TenancyServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Action<TenancyBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddTenancy(configure);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task The_in_memory_store_and_strategies_resolve_a_request()
    {
        using var sp = Build(t => t.FromHost("{tenant}.example.com").FromHeader().WithInMemoryStore(Tenants.All));

        var result = await sp.GetRequiredService<ITenantResolver>().ResolveAsync(Tenants.Header("acme"));

        result.Tenant.Should().BeSameAs(Tenants.Acme);
        sp.GetRequiredService<ITenantStore>().Should().BeOfType<InMemoryTenantStore>();
        sp.GetRequiredService<IWritableTenantStore>().Should().BeSameAs(sp.GetRequiredService<ITenantStore>());
        sp.GetRequiredService<ICurrentTenant>().Should().BeSameAs(AmbientCurrentTenant.Instance);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Caching_wraps_the_store_whether_it_is_added_before_or_after_the_store(bool cachingFirst)
    {
        using var sp = Build(t =>
        {
            if (cachingFirst)
            {
                t.WithCaching().WithInMemoryStore(Tenants.Acme);
            }
            else
            {
                t.WithInMemoryStore(Tenants.Acme).WithCaching();
            }
        });

        var store = sp.GetRequiredService<ITenantStore>();
        store.Should().BeOfType<CachingTenantStore>().Which.Inner.Should().BeOfType<InMemoryTenantStore>();
        sp.GetRequiredService<IWritableTenantStore>().Should().BeSameAs(store);
    }

    [Fact]
    public async Task A_write_through_the_store_invalidates_the_cache_so_a_suspended_tenant_is_rejected()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddTenancy(t => t.FromHeader().WithCaching(o => o.TimeToLive = TimeSpan.FromHours(1)).WithInMemoryStore(Tenants.Acme));
        using var sp = services.BuildServiceProvider();
        var resolver = sp.GetRequiredService<ITenantResolver>();
        (await resolver.ResolveAsync(Tenants.Header("acme"))).Outcome.Should().Be(TenantResolutionOutcome.Resolved);

        // Written to the inner store directly: the cache learns about it through the change notifier.
        var inner = sp.GetRequiredKeyedService<ITenantStore>(TenancyServiceKeys.InnerStore);
        await ((IWritableTenantStore)inner).UpdateAsync(Tenants.Acme with { Status = TenantStatus.Suspended });

        (await resolver.ResolveAsync(Tenants.Header("acme"))).Outcome.Should().Be(TenantResolutionOutcome.Inactive);
    }

    [Fact]
    public async Task A_later_store_replaces_an_earlier_one()
    {
        using var sp = Build(t => t.WithInMemoryStore(Tenants.Acme).WithStore(_ => new InMemoryTenantStore([Tenants.Globex])));

        sp.GetRequiredService<ITenantStore>().Should().BeOfType<InMemoryTenantStore>().Which.Count.Should().Be(1);
        (await sp.GetRequiredService<ITenantStore>().FindByIdentifierAsync("globex")).Should().NotBeNull();
    }

    [Fact]
    public void Without_a_store_resolving_one_explains_how_to_configure_it()
    {
        using var sp = Build(t => t.FromHeader());
        var act = () => sp.GetRequiredService<ITenantStore>();
        act.Should().Throw<InvalidOperationException>().WithMessage("*WithInMemoryStore*");
    }

    [Fact]
    public void A_read_only_store_cannot_be_resolved_as_writable()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tenants:0:Id"] = "t-acme",
            ["Tenants:0:Identifier"] = "acme",
        }).Build();
        using var sp = Build(t => t.WithConfigurationStore(config.GetSection("Tenants")).WithCaching());

        sp.GetRequiredService<ITenantStore>().Should().BeOfType<CachingTenantStore>().Which.Inner.Should().BeOfType<ConfigurationTenantStore>();
        var act = () => sp.GetRequiredService<IWritableTenantStore>();
        act.Should().Throw<InvalidOperationException>().WithMessage("*read-only*");
    }

    [Fact]
    public void Invalid_tenant_configuration_fails_start_up_validation_with_the_reason()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tenancy:Tenants:0:Id"] = "t-acme",
            ["Tenancy:Tenants:0:Identifier"] = "acme",
            ["Tenancy:Tenants:1:Id"] = "t-other",
            ["Tenancy:Tenants:1:Identifier"] = "acme",
        }).Build();
        using var sp = Build(t => t.WithConfigurationStore(config.GetSection("Tenancy:Tenants")));

        var startUp = () => sp.GetRequiredService<IStartupValidator>().Validate();
        startUp.Should().Throw<OptionsValidationException>().WithMessage("*Tenancy:Tenants*used twice*");
        var firstResolve = () => sp.GetRequiredService<ITenantStore>();
        firstResolve.Should().Throw<TenancyConfigurationException>();
    }

    [Theory]
    [InlineData(nameof(TenantStoreCacheOptions.MaxEntries))]
    [InlineData(nameof(TenantStoreCacheOptions.TimeToLive))]
    [InlineData(nameof(TenantStoreCacheOptions.NegativeTimeToLive))]
    public void Invalid_cache_options_fail_start_up_validation_naming_the_failing_field(string field)
    {
        using var sp = Build(t => t.WithInMemoryStore().WithCaching(o =>
        {
            switch (field)
            {
                case nameof(TenantStoreCacheOptions.MaxEntries): o.MaxEntries = 0; break;
                case nameof(TenantStoreCacheOptions.TimeToLive): o.TimeToLive = TimeSpan.Zero; break;
                default: o.NegativeTimeToLive = TimeSpan.FromSeconds(-1); break;
            }
        }));
        var startUp = () => sp.GetRequiredService<IStartupValidator>().Validate();

        var failures = startUp.Should().Throw<OptionsValidationException>().Which.Failures;
        failures.Should().ContainSingle().Which.Should().Contain(field);
        string[] fields = [nameof(TenantStoreCacheOptions.MaxEntries), nameof(TenantStoreCacheOptions.TimeToLive), nameof(TenantStoreCacheOptions.NegativeTimeToLive)];
        foreach (var other in fields.Where(f => f != field && !f.EndsWith(field, StringComparison.Ordinal) && !field.EndsWith(f, StringComparison.Ordinal)))
        {
            failures.Single().Should().NotContain(other);
        }
    }

    [Fact]
    public async Task Observers_registered_on_the_builder_are_called()
    {
        using var sp = Build(t => t.FromHeader().WithInMemoryStore(Tenants.Acme).AddObserver<CountingObserver>());

        await sp.GetRequiredService<ITenantResolver>().ResolveAsync(Tenants.Header("acme"));

        sp.GetServices<TenantResolutionObserver>().OfType<CountingObserver>().Single().Resolved.Should().Be(1);
    }

    [Fact]
    public void Calling_AddTenancy_twice_keeps_one_resolver_and_notifier()
    {
        var services = new ServiceCollection();
        services.AddTenancy(t => t.WithInMemoryStore());
        services.AddTenancy();

        services.Count(d => d.ServiceType == typeof(ITenantResolver)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(ITenantChangeNotifier)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(ITenantStore) && !d.IsKeyedService).Should().Be(1);
    }

    private sealed class CountingObserver : TenantResolutionObserver
    {
        public int Resolved { get; private set; }

        public override ValueTask OnResolvedAsync(TenantResolutionResult result, CancellationToken cancellationToken)
        {
            Resolved++;
            return ValueTask.CompletedTask;
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tenancy.Core.Tests.DependencyInjection;

public sealed class TenantOptionsCacheOptionsTests
{
    private sealed class BrandingOptions
    {
        public string Title { get; set; } = "Host";
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_per_tenant_options_cache_without_room_fails_start_up_naming_MaxEntries(int maxEntries)
    {
        var services = new ServiceCollection();
        services.ConfigurePerTenant<BrandingOptions>((o, tenant) => o.Title = tenant.Name);
        services.Configure<TenantOptionsCacheOptions>(o => o.MaxEntries = maxEntries);
        using var provider = services.BuildServiceProvider();

        var startUp = () => provider.GetRequiredService<IStartupValidator>().Validate();

        startUp.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().ContainSingle().Which.Should().Contain(nameof(TenantOptionsCacheOptions.MaxEntries));
    }

    [Fact]
    public void The_default_per_tenant_options_cache_passes_start_up()
    {
        var services = new ServiceCollection();
        services.ConfigurePerTenant<BrandingOptions>((o, tenant) => o.Title = tenant.Name);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        provider.GetRequiredService<IOptions<TenantOptionsCacheOptions>>().Value.MaxEntries.Should().BePositive();
    }
}

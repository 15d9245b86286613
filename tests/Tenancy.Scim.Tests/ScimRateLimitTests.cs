using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Tenancy.Scim.Tests.Infrastructure;

namespace Tenancy.Scim.Tests;

public sealed class ScimRateLimitTests
{
    [Fact]
    public async Task A_tenant_over_its_limit_gets_429_while_another_tenant_is_served()
    {
        await using var host = await ScimTestHost.StartAsync(Backend.Sqlite, o => { o.RateLimitPermits = 3; o.RateLimitWindow = TimeSpan.FromHours(1); });

        for (var i = 0; i < 3; i++)
        {
            (await host.Get(host.AcmeToken, "/Users")).Status.Should().Be(HttpStatusCode.OK);
        }

        var refused = await host.Get(host.AcmeToken, "/Users");
        refused.Status.Should().Be(HttpStatusCode.TooManyRequests);
        refused.ContentType.Should().Be("application/scim+json");
        refused.Headers.RetryAfter.Should().NotBeNull();
        (await host.Get(host.GlobexToken, "/Users")).Status.Should().Be(HttpStatusCode.OK);
    }
}

public sealed class ScimOptionsTests
{
    [Fact]
    public async Task Invalid_options_fail_at_start_naming_the_member()
    {
        var act = async () => await ScimTestHost.StartAsync(Backend.Sqlite, o => o.MaxBodyBytes = 0);

        (await act.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>()).Which.Message.Should().Contain("MaxBodyBytes");
    }

    [Fact]
    public void Scim_without_a_store_is_refused_at_registration()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();

        var act = () => Microsoft.Extensions.DependencyInjection.TenancyServiceCollectionExtensions.AddTenancy(services).AddTenancyScim(_ => { });

        act.Should().Throw<TenancyConfigurationException>().WithMessage("*UseEntityFrameworkStore*");
    }
}

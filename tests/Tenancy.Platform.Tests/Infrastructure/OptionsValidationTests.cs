using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tenancy.ApiKeys;
using Tenancy.AspNetCore.Idempotency;
using Tenancy.Members;

namespace Tenancy.Platform.Tests.Infrastructure;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Invalid_platform_options_fail_naming_the_member()
    {
        var services = new ServiceCollection();
        services.AddTenancy(t => t
            .WithInMemoryStore(Tenants.All)
            .AddApiKeys(o => { o.Environment = "LIVE!"; o.CacheDuration = TimeSpan.Zero; })
            .AddMembers(o => o.InvitationLifetime = TimeSpan.FromDays(365))
            .AddIdempotency(o => o.MaxBodyBytes = -1));
        using var provider = services.BuildServiceProvider();

        FluentActions.Invoking(() => provider.GetRequiredService<IOptions<TenantApiKeyOptions>>().Value)
            .Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Environment").And.Contain("CacheDuration");
        FluentActions.Invoking(() => provider.GetRequiredService<IOptions<TenantMembershipOptions>>().Value)
            .Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("InvitationLifetime");
        FluentActions.Invoking(() => provider.GetRequiredService<IOptions<IdempotencyOptions>>().Value)
            .Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("MaxBodyBytes");
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tenancy.ApiKeys;
using Tenancy.AspNetCore.ApiKeys;
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

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void An_api_key_scheme_without_a_tenant_claim_type_fails_start_up_naming_the_member(string claimType)
    {
        var services = new ServiceCollection();
        services.AddTenancy(t => t.WithInMemoryStore(Tenants.All).AddApiKeys());
        services.AddAuthentication().AddTenantApiKeys("keys", o => o.TenantClaimType = claimType);
        using var provider = services.BuildServiceProvider();

        var startUp = () => provider.GetRequiredService<IStartupValidator>().Validate();

        startUp.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().ContainSingle().Which.Should().Contain(nameof(TenantApiKeyAuthenticationOptions.TenantClaimType));
        provider.GetRequiredService<IOptionsMonitor<TenantApiKeyAuthenticationOptions>>().Invoking(m => m.Get("keys"))
            .Should().Throw<OptionsValidationException>();
    }
}

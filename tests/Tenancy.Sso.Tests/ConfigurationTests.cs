using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tenancy.AspNetCore.Sso;

namespace Tenancy.Sso.Tests;

public sealed class ConfigurationTests
{
    private static TenantSsoSettings Valid => new() { TenantId = "t-acme", Issuer = "https://idp.example/acme", ClientId = "app" };

    [Fact]
    public void Valid_settings_pass_and_the_placeholder_is_replaced()
    {
        Valid.Validate();
        var entra = Valid with { Issuer = "https://login.microsoftonline.com/{tenantid}/v2.0", IssuerTenantId = "abc" };
        entra.Validate();
        entra.EffectiveIssuer.Should().Be("https://login.microsoftonline.com/abc/v2.0");
        entra.EffectiveMetadataAddress.Should().Be("https://login.microsoftonline.com/abc/v2.0/.well-known/openid-configuration");
    }

    [Theory]
    [InlineData("not a uri", null, "app", "Issuer")]
    [InlineData("ftp://idp.example/x", null, "app", "Issuer")]
    [InlineData("https://login.microsoftonline.com/{tenantid}/v2.0", null, "app", "IssuerTenantId")]
    [InlineData("https://idp.example/acme", null, null, "Audiences")]
    public void Settings_that_would_weaken_validation_are_refused_naming_the_member(string issuer, string? issuerTenantId, string? clientId, string member)
    {
        var settings = Valid with { Issuer = issuer, IssuerTenantId = issuerTenantId, ClientId = clientId };

        var act = settings.Validate;

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(member);
    }

    [Fact]
    public async Task The_service_refuses_invalid_settings_and_keeps_the_old_ones()
    {
        var store = new InMemoryTenantSsoStore();
        using var sso = new TenantSsoService(store);
        await sso.SaveAsync(Valid);

        await FluentActions.Awaiting(() => sso.SaveAsync(Valid with { ClockSkew = TimeSpan.FromHours(1) })).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => sso.SaveAsync(null!)).Should().ThrowAsync<ArgumentNullException>();

        (await sso.FindAsync("t-acme")).Should().BeEquivalentTo(Valid);
        sso.FindByIssuer("https://idp.example/acme")!.TenantId.Should().Be("t-acme");
        sso.FindByIssuer("https://idp.example/ACME").Should().BeNull("issuers are compared exactly");
    }

    [Fact]
    public async Task A_provider_change_on_another_instance_reloads_the_issuer_index_here()
    {
        var store = new InMemoryTenantSsoStore();
        var notifier = new Tenancy.Events.TenantChangeNotifier();
        using var here = new TenantSsoService(store, notifier: notifier);
        using var there = new TenantSsoService(store);
        await here.SaveAsync(Valid);
        here.FindByIssuer("https://idp.example/acme").Should().NotBeNull();

        await there.DeleteAsync("t-acme");
        notifier.Publish(Tenancy.Events.TenantChange.AccessChanged("t-acme", "sso:") with { Origin = "instance-2" });

        for (var i = 0; i < 200 && here.FindByIssuer("https://idp.example/acme") is not null; i++)
        {
            await Task.Delay(10);
        }

        here.FindByIssuer("https://idp.example/acme").Should().BeNull("the other instance removed the provider");
    }

    [Fact]
    public void A_key_refresh_interval_of_zero_fails_at_start_naming_the_member()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddTenancy(t => t.WithInMemoryStore(new TenantInfo("t-acme", "acme", "Acme")).AddTenantSso(o => o.KeyRefreshMinimumInterval = TimeSpan.Zero));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<TenantSsoOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*KeyRefreshMinimumInterval*");
    }

    [Fact]
    public async Task A_tenant_store_that_does_not_answer_is_a_503_problem_for_a_bearer_token_never_a_500()
    {
        var tenants = new FailingTenantStore();
        await using var app = await SsoApp.StartAsync(services => services.AddSingleton<Tenancy.Stores.ITenantStore>(tenants));
        tenants.Broken = true;

        using var response = await app.Client.SendAsync(app.Get("http://localhost/public", TestIdentityProvider.Mint(app.Idp["acme"])));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private sealed class FailingTenantStore : Tenancy.Stores.ITenantStore
    {
        private readonly Tenancy.Stores.InMemoryTenantStore _inner = new([new TenantInfo("t-acme", "acme", "Acme")]);

        public bool Broken { get; set; }

        public ValueTask<TenantInfo?> FindByIdAsync(string id, CancellationToken cancellationToken = default) =>
            Broken ? throw new InvalidOperationException("database down") : _inner.FindByIdAsync(id, cancellationToken);

        public ValueTask<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default) =>
            Broken ? throw new InvalidOperationException("database down") : _inner.FindByIdentifierAsync(identifier, cancellationToken);

        public ValueTask<TenantInfo?> FindByDomainAsync(string domain, CancellationToken cancellationToken = default) =>
            Broken ? throw new InvalidOperationException("database down") : _inner.FindByDomainAsync(domain, cancellationToken);

        public ValueTask<Tenancy.Stores.TenantPage> ListAsync(Tenancy.Stores.TenantPageRequest request, CancellationToken cancellationToken = default) =>
            _inner.ListAsync(request, cancellationToken);
    }
}

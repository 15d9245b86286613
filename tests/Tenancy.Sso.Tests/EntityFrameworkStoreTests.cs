using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.EntityFramework.Sso;

namespace Tenancy.Sso.Tests;

public sealed class EntityFrameworkStoreTests : IAsyncLifetime
{
    private SsoApp _app = null!;

    private ITenantSsoStore Store => _app.Services.GetRequiredService<ITenantSsoStore>();

    public async Task InitializeAsync() => _app = await SsoApp.StartAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task The_stores_are_the_entity_framework_ones_and_settings_round_trip()
    {
        Store.Should().BeOfType<EfTenantSsoStore<SsoTestDbContext>>();
        _app.Services.GetRequiredService<Tenancy.Secrets.ITenantSecretStore>().Should().BeOfType<EfTenantSecretStore<SsoTestDbContext>>();

        var saved = SsoApp.Settings("t-acme", _app.Idp["acme"]) with { SsoEnforced = true, ClaimMappings = new Dictionary<string, string> { ["email"] = "upn" }, RequiredClaims = ["scp"] };
        await Store.SaveAsync(saved);
        var read = await Store.FindAsync("t-acme");

        read.Should().BeEquivalentTo(saved);
    }

    [Fact]
    public async Task The_database_refuses_a_second_tenant_with_the_same_issuer_even_around_the_service()
    {
        var act = () => Store.SaveAsync(SsoApp.Settings("t-globex", _app.Idp["acme"]));

        await act.Should().ThrowAsync<DbUpdateException>();
        (await Store.FindAsync("t-globex"))!.Issuer.Should().Be(_app.Idp["globex"].Issuer);
    }

    [Fact]
    public async Task Two_first_sign_ins_of_one_person_end_on_one_user_id()
    {
        var issuer = _app.Idp["acme"].Issuer;

        var first = await Store.AddLoginAsync("t-acme", issuer, "sub-9", "sso_first");
        var second = await Store.AddLoginAsync("t-acme", issuer, "sub-9", "sso_second");

        first.Should().Be("sso_first");
        second.Should().Be("sso_first");
        (await Store.FindLoginAsync("t-globex", issuer, "sub-9")).Should().BeNull("logins are per tenant");
    }
}

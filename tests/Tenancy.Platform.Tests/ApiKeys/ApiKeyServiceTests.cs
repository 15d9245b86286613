using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tenancy.ApiKeys;
using Tenancy.EntityFramework.ApiKeys;
using Tenancy.EntityFramework.Platform;

namespace Tenancy.Platform.Tests.ApiKeys;

public sealed class ApiKeyServiceTests : IAsyncLifetime
{
    private PlatformHost _platform = null!;

    private CountingApiKeyStore Store => _platform.Services.GetRequiredService<CountingApiKeyStore>();

    public async Task InitializeAsync() => _platform = await PlatformHost.SqliteAsync(Counting);

    public Task DisposeAsync() => _platform.DisposeAsync().AsTask();

    internal static void Counting(IServiceCollection services)
    {
        services.AddSingleton(sp => new CountingApiKeyStore(ActivatorUtilities.CreateInstance<EfTenantApiKeyStore<TenancyPlatformDbContext>>(sp)));
        services.Replace(ServiceDescriptor.Singleton<ITenantApiKeyStore>(sp => sp.GetRequiredService<CountingApiKeyStore>()));
    }

    [Fact]
    public async Task A_created_key_has_the_documented_format_and_authenticates_as_its_tenant()
    {
        var created = await _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest("ci", ["orders.read"], CreatedBy: "alice"));

        created.Token.Should().MatchRegex("^tnc_live_[a-z2-7]{16}_[A-Za-z0-9_-]{43}$");
        var result = await _platform.Keys.ValidateAsync(created.Token);
        result.Succeeded.Should().BeTrue();
        result.Key!.TenantId.Should().Be("acme");
        result.Key.Scopes.Should().Equal("orders.read");
        result.Key.CreatedBy.Should().Be("alice");
    }

    [Fact]
    public async Task Only_a_hash_of_the_secret_is_stored()
    {
        var created = await _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest("ci"));
        var secret = created.Token[^TenantApiKeyFormat.SecretLength..];

        var stored = await Store.FindAsync(created.Key.Id);
        stored!.SecretHash.Should().HaveCount(32);
        Convert.ToBase64String(stored.SecretHash).Should().NotContain(secret);
        (await _platform.Database.ScalarAsAdminAsync($"SELECT count(*) FROM TenantApiKeys WHERE instr(CAST(SecretHash AS TEXT), '{secret}') > 0")).Should().Be(0);
        (await _platform.Database.ScalarAsAdminAsync("SELECT length(SecretHash) FROM TenantApiKeys")).Should().Be(32);
    }

    [Fact]
    public async Task Wrong_unknown_malformed_expired_and_revoked_keys_all_fail_alike()
    {
        var good = await _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest("good"));
        var expiring = await _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest("expiring", ExpiresAt: _platform.Time.GetUtcNow().AddMinutes(5)));
        var revoked = await _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest("revoked"));
        await _platform.Keys.RevokeAsync("acme", revoked.Key.Id);
        _platform.Time.Advance(TimeSpan.FromMinutes(6));

        var wrongSecret = good.Token[..^5] + (good.Token[^5] == 'A' ? "BBBBB" : "AAAAA");
        var unknownId = "tnc_live_" + TenantApiKeyFormat.NewKeyId() + good.Token[^(TenantApiKeyFormat.SecretLength + 1)..];
        string[] failures =
        [
            wrongSecret, unknownId, expiring.Token, revoked.Token, "", "tnc_live_", good.Token + "x", good.Token.Replace("tnc_live_", "tnc_test_", StringComparison.Ordinal),
            good.Token.ToUpperInvariant(), "Bearer " + good.Token, good.Token[..^1] + "=",
        ];
        foreach (var token in failures)
        {
            (await _platform.Keys.ValidateAsync(token)).Should().BeSameAs(TenantApiKeyValidation.Failed, token);
        }

        (await _platform.Keys.ValidateAsync(good.Token)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task The_warm_path_does_not_reach_the_store_and_revocation_still_takes_effect_at_once()
    {
        var created = await _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest("ci"));
        (await _platform.Keys.ValidateAsync(created.Token)).Succeeded.Should().BeTrue();
        var finds = Store.Finds;

        for (var i = 0; i < 100; i++)
        {
            (await _platform.Keys.ValidateAsync(created.Token)).Succeeded.Should().BeTrue();
        }

        Store.Finds.Should().Be(finds, "warm checks are served from memory");
        (await _platform.Keys.RevokeAsync("acme", created.Key.Id)).Should().BeTrue();
        (await _platform.Keys.ValidateAsync(created.Token)).Succeeded.Should().BeFalse();
    }

    [Fact]
    public async Task A_revocation_made_by_another_process_is_seen_after_the_cache_duration()
    {
        var created = await _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest("ci"));
        (await _platform.Keys.ValidateAsync(created.Token)).Succeeded.Should().BeTrue();
        await Store.RevokeAsync("acme", created.Key.Id, _platform.Time.GetUtcNow()); // behind the service's back

        _platform.Time.Advance(TimeSpan.FromSeconds(31));
        (await _platform.Keys.ValidateAsync(created.Token)).Succeeded.Should().BeFalse();
    }

    [Fact]
    public async Task Last_used_times_are_written_in_one_batch_at_most_once_per_interval()
    {
        var a = await _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest("a"));
        var b = await _platform.Keys.CreateAsync("globex", new TenantApiKeyRequest("b"));
        for (var i = 0; i < 50; i++)
        {
            await _platform.Keys.ValidateAsync(a.Token);
            await _platform.Keys.ValidateAsync(b.Token);
        }

        Store.UsageWrites.Should().Be(0, "nothing is written per request");
        (await _platform.Keys.FlushUsageAsync()).Should().Be(2);
        Store.UsageWrites.Should().Be(1);
        (await _platform.Keys.ListAsync("acme")).Single().LastUsedAt.Should().Be(_platform.Time.GetUtcNow());

        await _platform.Keys.ValidateAsync(a.Token);
        (await _platform.Keys.FlushUsageAsync()).Should().Be(0, "the key was recorded less than an interval ago");
    }

    [Fact]
    public async Task Rotation_keeps_the_old_key_working_for_the_overlap_only()
    {
        var old = await _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest("ci", ["a", "b"]));
        var rotated = await _platform.Keys.RotateAsync("acme", old.Key.Id, TimeSpan.FromHours(1));

        rotated!.Key.Scopes.Should().Equal("a", "b");
        (await _platform.Keys.ValidateAsync(old.Token)).Succeeded.Should().BeTrue();
        (await _platform.Keys.ValidateAsync(rotated.Token)).Succeeded.Should().BeTrue();
        _platform.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        (await _platform.Keys.ValidateAsync(old.Token)).Succeeded.Should().BeFalse();
        (await _platform.Keys.ValidateAsync(rotated.Token)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_tenant_cannot_list_revoke_or_rotate_another_tenants_key()
    {
        var acme = await _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest("acme-key"));

        (await _platform.Keys.ListAsync("globex")).Should().BeEmpty();
        (await _platform.Keys.RevokeAsync("globex", acme.Key.Id)).Should().BeFalse();
        (await _platform.Keys.RotateAsync("globex", acme.Key.Id)).Should().BeNull();
        (await _platform.Keys.ValidateAsync(acme.Token)).Key!.TenantId.Should().Be("acme");
        (await _platform.Keys.ListAsync("acme")).Single().RevokedAt.Should().BeNull();
    }

    [Fact]
    public async Task Deleting_a_tenants_keys_leaves_the_other_tenant_and_forgets_the_cache()
    {
        var acme = await _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest("a"));
        var globex = await _platform.Keys.CreateAsync("globex", new TenantApiKeyRequest("g"));
        (await _platform.Keys.ValidateAsync(acme.Token)).Succeeded.Should().BeTrue();

        (await _platform.Keys.DeleteAllAsync("acme")).Should().Be(1);

        (await _platform.Keys.ValidateAsync(acme.Token)).Succeeded.Should().BeFalse();
        (await _platform.Keys.ValidateAsync(globex.Token)).Succeeded.Should().BeTrue();
        (await _platform.Database.ScalarAsAdminAsync("SELECT count(*) FROM TenantApiKeyIndex WHERE TenantId = 'acme'")).Should().Be(0);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_clear_errors_and_nothing_stored()
    {
        await FluentActions.Awaiting(() => _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest(" "))).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest("x", ["has space"]))).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest("x", ExpiresAt: _platform.Time.GetUtcNow()))).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => _platform.Keys.CreateAsync("no such", new TenantApiKeyRequest("x"))).Should().ThrowAsync<InvalidTenantIdException>();
        await FluentActions.Awaiting(() => _platform.Keys.CreateAsync("initech", new TenantApiKeyRequest("x"))).Should().ThrowAsync<TenantNotFoundException>();
        (await _platform.Database.ScalarAsAdminAsync("SELECT count(*) FROM TenantApiKeys")).Should().Be(0);
        (await _platform.Keys.RevokeAsync("acme", "../../etc")).Should().BeFalse();
        Encoding.UTF8.GetByteCount(TenantApiKeyFormat.NewKeyId()).Should().Be(16);
    }
}

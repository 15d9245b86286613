using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Tenancy.Secrets;

namespace Tenancy.Sso.Tests;

public sealed class SecretTests : IDisposable
{
    private const string Value = "client-secret-value-0123456789";
    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("tenancy-keys-");
    private readonly InMemoryTenantSecretStore _store = new();

    public void Dispose() => _keys.Delete(recursive: true);

    [Fact]
    public async Task A_secret_is_stored_encrypted_listed_without_its_value_and_rotated()
    {
        var logs = new FakeLogCollector();
        using var services = Instance("app", logs);
        var secrets = services.GetRequiredService<TenantSecretService>();

        var info = await secrets.SetAsync("t-acme", TenantSecretKind.OidcClientSecret, "oidc", Value);

        info.Version.Should().Be(1);
        var stored = await _store.FindAsync("t-acme", TenantSecretKind.OidcClientSecret, "oidc");
        Encoding.UTF8.GetString(stored!.ProtectedValue).Should().NotContain(Value);
        (await secrets.GetAsync("t-acme", TenantSecretKind.OidcClientSecret, "oidc")).Should().Be(Value);
        (await secrets.ListAsync("t-acme")).Should().ContainSingle().Which.Should().Be(info);

        (await secrets.SetAsync("t-acme", TenantSecretKind.OidcClientSecret, "oidc", "rotated-value")).Version.Should().Be(2);
        (await secrets.GetAsync("t-acme", TenantSecretKind.OidcClientSecret, "oidc")).Should().Be("rotated-value");
        logs.GetSnapshot().Should().NotBeEmpty().And.OnlyContain(r => !r.Message.Contains(Value) && !r.Message.Contains("rotated-value"));
    }

    [Fact]
    public async Task A_value_stored_for_one_tenant_or_kind_does_not_decrypt_as_another()
    {
        using var services = Instance("app");
        var secrets = services.GetRequiredService<TenantSecretService>();
        await secrets.SetAsync("t-acme", TenantSecretKind.OidcClientSecret, "oidc", Value);
        await secrets.SetAsync("t-globex", TenantSecretKind.OidcClientSecret, "oidc", "globex-value");
        await secrets.SetAsync("t-acme", TenantSecretKind.WebhookSigningSecret, "hook", "hook-value");
        var acme = await _store.FindAsync("t-acme", TenantSecretKind.OidcClientSecret, "oidc");

        // Someone with write access to the store copies Acme's encrypted value into Globex's row and the webhook row.
        var globex = await _store.FindAsync("t-globex", TenantSecretKind.OidcClientSecret, "oidc");
        await _store.SaveAsync(globex! with { ProtectedValue = acme!.ProtectedValue });
        var hook = await _store.FindAsync("t-acme", TenantSecretKind.WebhookSigningSecret, "hook");
        await _store.SaveAsync(hook! with { ProtectedValue = acme.ProtectedValue });

        await FluentActions.Awaiting(() => secrets.GetAsync("t-globex", TenantSecretKind.OidcClientSecret, "oidc")).Should().ThrowAsync<CryptographicException>();
        await FluentActions.Awaiting(() => secrets.GetAsync("t-acme", TenantSecretKind.WebhookSigningSecret, "hook")).Should().ThrowAsync<CryptographicException>();
        (await secrets.GetAsync("t-acme", TenantSecretKind.OidcClientSecret, "oidc")).Should().Be(Value);
        (await secrets.GetAsync("t-acme", TenantSecretKind.ScimCredential, "oidc")).Should().BeNull();
    }

    [Fact]
    public async Task Instances_that_share_the_key_ring_and_application_name_read_each_others_secrets_and_others_do_not()
    {
        using var first = Instance("app");
        using var second = Instance("app");
        using var other = Instance("another-app");
        await first.GetRequiredService<TenantSecretService>().SetAsync("t-acme", TenantSecretKind.ScimCredential, "directory", Value);

        (await second.GetRequiredService<TenantSecretService>().GetAsync("t-acme", TenantSecretKind.ScimCredential, "directory")).Should().Be(Value);
        await FluentActions.Awaiting(() => other.GetRequiredService<TenantSecretService>().GetAsync("t-acme", TenantSecretKind.ScimCredential, "directory"))
            .Should().ThrowAsync<CryptographicException>();
    }

    [Fact]
    public async Task Bad_input_is_refused_and_changes_nothing()
    {
        using var services = Instance("app");
        var secrets = services.GetRequiredService<TenantSecretService>();

        await FluentActions.Awaiting(() => secrets.SetAsync("t-acme", TenantSecretKind.OidcClientSecret, "../oidc", Value)).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => secrets.SetAsync("t-acme", TenantSecretKind.OidcClientSecret, "oidc", "")).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => secrets.SetAsync("T ACME", TenantSecretKind.OidcClientSecret, "oidc", Value)).Should().ThrowAsync<InvalidTenantIdException>();
        await FluentActions.Awaiting(() => secrets.SetAsync("t-acme", (TenantSecretKind)42, "oidc", Value)).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => secrets.SetAsync("t-acme", TenantSecretKind.OidcClientSecret, "oidc", new string('x', 9000))).Should().ThrowAsync<ArgumentException>();
        (await secrets.ListAsync("t-acme")).Should().BeEmpty();
    }

    private ServiceProvider Instance(string applicationName, FakeLogCollector? logs = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(l =>
        {
            l.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                l.AddProvider(new FakeLoggerProvider(logs));
            }
        });
        services.AddSingleton<ITenantSecretStore>(_store);
        services.AddTenancy(t => t.WithInMemoryStore(new TenantInfo("t-acme", "acme", "Acme")).AddTenantSecrets());
        services.AddDataProtection().SetApplicationName(applicationName).PersistKeysToFileSystem(_keys);
        return services.BuildServiceProvider();
    }
}

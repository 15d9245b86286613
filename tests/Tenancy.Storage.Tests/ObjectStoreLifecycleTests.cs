using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tenancy.Lifecycle;
using Tenancy.Storage.Objects;
using Tenancy.Storage.Usage;
using static Tenancy.Storage.Tests.StoreFixture;

namespace Tenancy.Storage.Tests;

/// <summary>Storage's lifecycle step (added by AddTenancyStorage) on every backend: purge on offboarding and export with checksums.</summary>
public abstract partial class ObjectStoreContractTests
{
    private ServiceProvider BuildWithLifecycle(out CrashingBackend crashing)
    {
        CrashingBackend? made = null;
        var provider = Build(Configure, t =>
        {
            t.AddLifecycle();
            var original = t.Services.Last(d => d.ServiceType == typeof(IObjectBackend));
            t.Services.Replace(ServiceDescriptor.Singleton<IObjectBackend>(sp => made = new CrashingBackend((IObjectBackend)original.ImplementationFactory!(sp))));
        });
        _ = provider.GetRequiredService<IObjectBackend>();
        crashing = made!;
        return provider;
    }

    private static async Task<Dictionary<string, byte[]>> SeedObjectsAsync(ITenantObjectStore store, TenantInfo tenant, int count)
    {
        var seeded = new Dictionary<string, byte[]>();
        using (As(tenant))
        {
            for (var i = 0; i < count; i++)
            {
                var content = RandomNumberGenerator.GetBytes(i == 0 ? 300_000 : 100 + i);
                var key = $"{tenant.Id}-docs/{i}/file{i}.bin";
                await store.PutAsync(key, new MemoryStream(content));
                seeded[key] = content;
            }
        }

        return seeded;
    }

    [Fact]
    public async Task Adding_storage_and_the_lifecycle_contributes_the_storage_step_for_export_and_deletion()
    {
        await using var provider = BuildWithLifecycle(out _);
        var orchestrator = provider.GetRequiredService<TenantLifecycleOrchestrator>();

        orchestrator.StepsOf(TenantLifecycleStage.Export).Select(s => s.Name).Should().Contain("storage.objects");
        orchestrator.StepsOf(TenantLifecycleStage.DeleteData).Select(s => s.Name).Should().Contain("storage.objects");
        orchestrator.StepsOf(TenantLifecycleStage.Provision).Select(s => s.Name).Should().NotContain("storage.objects");
    }

    [Fact]
    public async Task Offboarding_purges_exactly_that_tenants_objects()
    {
        await using var provider = BuildWithLifecycle(out _);
        var store = provider.GetRequiredService<ITenantObjectStore>();
        await SeedObjectsAsync(store, Acme, 4);
        var globex = await SeedObjectsAsync(store, Globex, 3);

        var report = await provider.GetRequiredService<TenantLifecycleOrchestrator>().OffboardAsync("acme", new TenantOffboardingOptions { RemoveTenant = true });

        report.Finished.Should().BeTrue();
        report.Steps.Should().Contain(s => s.Key == "delete:storage.objects" && s.Outcome == "done");
        (await AllPhysicalKeysAsync()).Should().BeEquivalentTo(globex.Keys.Select(k => "tenants/globex/" + k));
    }

    [Fact]
    public async Task A_crash_mid_purge_then_a_rerun_leaves_nothing_of_the_tenant_and_keeps_the_other_tenant()
    {
        await using var provider = BuildWithLifecycle(out var crashing);
        var store = provider.GetRequiredService<ITenantObjectStore>();
        await SeedObjectsAsync(store, Acme, 6);
        var globex = await SeedObjectsAsync(store, Globex, 2);
        var orchestrator = provider.GetRequiredService<TenantLifecycleOrchestrator>();
        crashing.CrashNextDelete = true;

        var crash = async () => await orchestrator.OffboardAsync("acme", new TenantOffboardingOptions { RemoveTenant = true });
        (await crash.Should().ThrowAsync<IOException>()).Which.Message.Should().Be("simulated crash mid-purge");
        var left = (await AllPhysicalKeysAsync()).Where(k => k.StartsWith("tenants/acme/", StringComparison.Ordinal)).ToList();
        left.Should().HaveCount(3, "the crash came half-way through the purge");

        var resumed = await orchestrator.OffboardAsync("acme", new TenantOffboardingOptions { RemoveTenant = true });

        resumed.Finished.Should().BeTrue();
        resumed.Steps.Should().Contain(s => s.Key == "delete:storage.objects" && s.Outcome == "done");
        (await AllPhysicalKeysAsync()).Should().BeEquivalentTo(globex.Keys.Select(k => "tenants/globex/" + k));
        (await provider.GetRequiredService<ITenantStorageUsage>().GetUsageAsync("acme")).Objects.Should().Be(0);
    }

    [Fact]
    public async Task The_export_holds_the_tenants_objects_with_matching_sha256_and_no_other_tenants()
    {
        await using var provider = BuildWithLifecycle(out _);
        var store = provider.GetRequiredService<ITenantObjectStore>();
        var acme = await SeedObjectsAsync(store, Acme, 3);
        await SeedObjectsAsync(store, Globex, 2);
        using var zipBytes = new MemoryStream();

        var entries = await provider.GetRequiredService<TenantLifecycleOrchestrator>().ExportAsync("acme", zipBytes);

        entries.Select(e => e.Name).Should().BeEquivalentTo(acme.Keys.Select(k => "objects/" + k));
        zipBytes.Position = 0;
        using var zip = new ZipArchive(zipBytes, ZipArchiveMode.Read);
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var listed = manifest.RootElement.GetProperty("entries").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => (Size: e.GetProperty("size").GetInt64(), Sha256: e.GetProperty("sha256").GetString()));
        listed.Keys.Should().BeEquivalentTo(acme.Keys.Select(k => "objects/" + k));
        foreach (var (key, content) in acme)
        {
            var expected = Convert.ToHexStringLower(SHA256.HashData(content));
            listed["objects/" + key].Should().Be((content.LongLength, expected));
            using var entry = new MemoryStream();
            await using (var read = zip.GetEntry("objects/" + key)!.Open())
            {
                await read.CopyToAsync(entry);
            }

            Convert.ToHexStringLower(SHA256.HashData(entry.ToArray())).Should().Be(expected);
        }

        zip.Entries.Should().NotContain(e => e.FullName.Contains("globex", StringComparison.Ordinal));
    }
}

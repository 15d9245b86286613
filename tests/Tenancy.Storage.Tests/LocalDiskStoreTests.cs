using Microsoft.Extensions.DependencyInjection;
using Tenancy.Storage.FileSystem;
using Tenancy.Storage.Exceptions;
using Tenancy.Storage.Objects;
using Tenancy.Storage.Usage;
using static Tenancy.Storage.Tests.StoreFixture;

namespace Tenancy.Storage.Tests;

/// <summary>The shared suite on the local disk, plus the disk's own risks: symbolic links and folder/object clashes.</summary>
public sealed class LocalDiskStoreTests : ObjectStoreContractTests
{
    private readonly TempFolder _root = new();
    private readonly TempFolder _outside = new();

    private static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    protected override Task<Action<TenancyStorageBuilder>> PrepareAsync() =>
        Task.FromResult<Action<TenancyStorageBuilder>>(s => s.UseLocalDisk(o =>
        {
            o.RootPath = _root.Path;
            o.PresignedUrlBase = new Uri("https://files.example.com/presigned/");
            o.PresignedUrlKeys["k1"] = SigningKey;
            o.ActivePresignedUrlKeyId = "k1";
        }));

    protected override Task AssertNoPartialUploadsAsync()
    {
        var temp = Path.Join(_root.Path, ".tenancy", "tmp");
        (Directory.Exists(temp) ? Directory.EnumerateFileSystemEntries(temp) : []).Should().BeEmpty();
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _root.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public async Task A_disk_failure_reaches_the_caller_as_an_ObjectStorageException_that_keeps_the_IOException()
    {
        // The store's working folder is taken by a file: the disk refuses the write with an IOException.
        var temp = Path.Join(_root.Path, ".tenancy", "tmp");
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
        await File.WriteAllTextAsync(temp, "in the way");
        using (As(Acme))
        {
            var failure = (await FluentActions.Awaiting(() => Store.PutAsync("docs/a.txt", Text("x"))).Should().ThrowAsync<ObjectBackendException>()).Which;
            failure.InnerException.Should().BeAssignableTo<IOException>();
            failure.Message.Should().Contain("'docs/a.txt'").And.NotContain("tenants/acme", "callers only ever see their tenant-relative key");
            (await Store.ExistsAsync("docs/a.txt")).Should().BeFalse();
        }
    }

    private async Task SeedGlobexAsync()
    {
        using (As(Globex))
        {
            await Store.PutAsync("secret.txt", Text("globex secret"));
        }

        Directory.CreateDirectory(Path.Join(_root.Path, "tenants", "acme"));
    }

    [Fact]
    public async Task A_folder_link_into_another_tenant_is_never_followed()
    {
        await SeedGlobexAsync();
        Directory.CreateSymbolicLink(Path.Join(_root.Path, "tenants", "acme", "link"), Path.Join(_root.Path, "tenants", "globex"));

        using (As(Acme))
        {
            var get = async () => await Store.GetAsync("link/secret.txt");
            await get.Should().ThrowAsync<ObjectStorageException>();
            var head = async () => await Store.HeadAsync("link/secret.txt");
            await head.Should().ThrowAsync<ObjectStorageException>();
            var put = async () => await Store.PutAsync("link/planted.txt", Text("planted"));
            await put.Should().ThrowAsync<ObjectStorageException>();
            var delete = async () => await Store.DeleteAsync("link/secret.txt");
            await delete.Should().ThrowAsync<ObjectStorageException>();
            var list = async () => await Store.ListAsync("link/");
            await list.Should().ThrowAsync<ObjectStorageException>();
            (await Store.ListAsync()).Objects.Should().BeEmpty();
        }

        File.Exists(Path.Join(_root.Path, "tenants", "globex", "planted.txt")).Should().BeFalse();
        File.ReadAllText(Path.Join(_root.Path, "tenants", "globex", "secret.txt")).Should().Be("globex secret");
    }

    [Fact]
    public async Task A_file_link_to_outside_the_store_is_never_followed()
    {
        await SeedGlobexAsync();
        var target = Path.Join(_outside.Path, "passwd");
        File.WriteAllText(target, "root:x:0:0");
        File.CreateSymbolicLink(Path.Join(_root.Path, "tenants", "acme", "passwd"), target);

        using (As(Acme))
        {
            var get = async () => await Store.GetAsync("passwd");
            await get.Should().ThrowAsync<ObjectStorageException>();
            var copy = async () => await Store.CopyAsync("passwd", "copy.txt");
            await copy.Should().ThrowAsync<ObjectStorageException>();
            (await Store.ListAsync()).Objects.Should().BeEmpty();
            (await Services.GetRequiredService<ITenantStorageUsage>().GetUsageAsync("acme")).Objects.Should().Be(0);
        }

        File.ReadAllText(target).Should().Be("root:x:0:0");
    }

    [Fact]
    public async Task A_tenant_folder_replaced_by_a_link_is_refused()
    {
        await SeedGlobexAsync();
        Directory.Delete(Path.Join(_root.Path, "tenants", "acme"));
        Directory.CreateSymbolicLink(Path.Join(_root.Path, "tenants", "acme"), Path.Join(_root.Path, "tenants", "globex"));

        using (As(Acme))
        {
            var get = async () => await Store.GetAsync("secret.txt");
            await get.Should().ThrowAsync<ObjectStorageException>();
            var put = async () => await Store.PutAsync("secret.txt", Text("overwritten"));
            await put.Should().ThrowAsync<ObjectStorageException>();
        }

        File.ReadAllText(Path.Join(_root.Path, "tenants", "globex", "secret.txt")).Should().Be("globex secret");
    }

    [Fact]
    public async Task A_key_that_is_already_a_folder_is_a_typed_error_and_changes_nothing()
    {
        using var _ = As(Acme);
        await Store.PutAsync("a/b.txt", Text("inner"));
        var folder = async () => await Store.PutAsync("a", Text("clash"));
        (await folder.Should().ThrowAsync<ObjectKeyConflictException>()).Which.Key.Should().Be("a");
        var file = async () => await Store.PutAsync("a/b.txt/c", Text("clash"));
        (await file.Should().ThrowAsync<ObjectKeyConflictException>()).Which.Message.Should().Contain("'a/b.txt/c'").And.NotContain("tenants/");
        (await Store.ListAsync()).Objects.Select(o => o.Key).Should().Equal("a/b.txt");
        await AssertNoPartialUploadsAsync();
    }

    [Fact]
    public async Task Disk_listings_use_the_same_ordinal_order_as_S3_for_case_and_punctuation()
    {
        using var _ = As(Acme);
        string[] keys = ["A.txt", "_u.txt", "0.txt", "Z/a.txt", "a.txt", "~.txt", "Ä.txt", "a/B.txt", "a/b.txt"];
        foreach (var key in keys)
        {
            await Store.PutAsync(key, Text(key));
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Store.ListAsync(continuationToken: token, pageSize: 1);
            seen.AddRange(page.Objects.Select(o => o.Key));
            token = page.ContinuationToken;
        }
        while (token is not null);

        seen.Should().Equal(keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Files_dropped_in_without_the_store_are_described_from_their_content()
    {
        Directory.CreateDirectory(Path.Join(_root.Path, "tenants", "acme"));
        File.WriteAllText(Path.Join(_root.Path, "tenants", "acme", "dropped.txt"), "dropped");
        using var _ = As(Acme);
        var head = await Store.HeadAsync("dropped.txt");
        head!.Size.Should().Be(7);
        head.ETag.Should().HaveLength(64);
    }

    private static (string Tenant, string Key, string KeyId, string Expires, string Signature) Parse(Uri url)
    {
        var path = url.AbsolutePath["/presigned/".Length..];
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var query = url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        return (path[..slash], Uri.UnescapeDataString(path[(slash + 1)..]), query["keyId"], query["expires"], query["signature"]);
    }

    [Fact]
    public async Task Presigned_urls_name_one_tenant_key_and_method_and_resist_tampering()
    {
        Uri url;
        using (As(Acme))
        {
            url = await Store.GetPresignedUrlAsync("reports/Q1 März.pdf", PresignedUrlMethod.Get, TimeSpan.FromMinutes(5));
        }

        url.ToString().Should().StartWith("https://files.example.com/presigned/acme/reports/");
        var urls = Services.GetRequiredService<LocalPresignedUrls>();
        var (tenant, key, keyId, expires, signature) = Parse(url);
        key.Should().Be("reports/Q1 März.pdf");
        urls.TryValidate(PresignedUrlMethod.Get, tenant, key, keyId, expires, signature).Should().BeTrue();

        urls.TryValidate(PresignedUrlMethod.Put, tenant, key, keyId, expires, signature).Should().BeFalse("the method is signed");
        urls.TryValidate(PresignedUrlMethod.Get, "globex", key, keyId, expires, signature).Should().BeFalse("the tenant is signed");
        urls.TryValidate(PresignedUrlMethod.Get, tenant, "reports/other.pdf", keyId, expires, signature).Should().BeFalse("the key is signed");
        urls.TryValidate(PresignedUrlMethod.Get, tenant, key, keyId, (long.Parse(expires, System.Globalization.CultureInfo.InvariantCulture) + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture), signature).Should().BeFalse("the expiry is signed");
        urls.TryValidate(PresignedUrlMethod.Get, tenant, key, keyId, expires, signature[..^2] + "AA").Should().BeFalse();
        urls.TryValidate(PresignedUrlMethod.Get, "../globex", key, keyId, expires, signature).Should().BeFalse();
        urls.TryValidate(PresignedUrlMethod.Get, tenant, "../globex/secret.txt", keyId, expires, signature).Should().BeFalse();
    }

    [Theory]
    [InlineData("!!!not-base64!!!")]
    [InlineData("====")]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("QUFB\u0000")]
    [InlineData("ü€😀")]
    public async Task Malformed_presigned_signatures_are_refused_without_an_exception(string signature)
    {
        Uri url;
        using (As(Acme))
        {
            url = await Store.GetPresignedUrlAsync("a.txt", PresignedUrlMethod.Get, TimeSpan.FromMinutes(5));
        }

        var (tenant, key, keyId, expires, _) = Parse(url);
        var urls = Services.GetRequiredService<LocalPresignedUrls>();

        urls.TryValidate(PresignedUrlMethod.Get, tenant, key, keyId, expires, signature).Should().BeFalse();
    }

    [Fact]
    public async Task Expired_presigned_urls_are_refused()
    {
        Uri url;
        using (As(Acme))
        {
            url = await Store.GetPresignedUrlAsync("a.txt", PresignedUrlMethod.Put, TimeSpan.FromSeconds(1));
        }

        var (tenant, key, keyId, expires, signature) = Parse(url);
        var past = (long.Parse(expires, System.Globalization.CultureInfo.InvariantCulture) - 3600).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Services.GetRequiredService<LocalPresignedUrls>().TryValidate(PresignedUrlMethod.Put, tenant, key, keyId, past, signature).Should().BeFalse();
    }

    [Fact]
    public async Task Presigned_urls_are_a_typed_error_when_no_endpoint_is_configured()
    {
        await using var provider = Build(s => s.UseLocalDisk(_root.Path));
        using var _ = As(Acme);
        var presign = async () => await provider.GetRequiredService<ITenantObjectStore>().GetPresignedUrlAsync("a.txt", PresignedUrlMethod.Get, TimeSpan.FromMinutes(5));
        await presign.Should().ThrowAsync<ObjectStorageException>();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failure_after_both_renames_rolls_back_the_content_and_the_sidecar(bool overwrite)
    {
        using var _ = As(Acme);
        if (overwrite)
        {
            await Store.PutAsync("doc.txt", Text("v1"), new ObjectPutOptions { ContentType = "text/csv", Metadata = new Dictionary<string, string> { ["v"] = "1" } });
        }

        var backend = (LocalDiskBackend)Backend;
        backend.FaultInjection = _ => throw new IOException("disk failed half-way");
        try
        {
            var put = async () => await Store.PutAsync("doc.txt", Text("v2 is longer"), new ObjectPutOptions { ContentType = "text/html" });
            (await put.Should().ThrowAsync<ObjectBackendException>()).WithInnerException<IOException>();
        }
        finally
        {
            backend.FaultInjection = null;
        }

        if (overwrite)
        {
            await using var download = await Store.GetAsync("doc.txt");
            (await ReadTextAsync(download)).Should().Be("v1");
            download.Info.ContentType.Should().Be("text/csv");
            download.Info.Metadata.Should().Contain("v", "1");
        }
        else
        {
            (await Store.ExistsAsync("doc.txt")).Should().BeFalse();
            var tenants = Path.Join(_root.Path, "tenants");
            (Directory.Exists(tenants) ? Directory.EnumerateFileSystemEntries(tenants) : []).Should().BeEmpty("empty folders made for the write are removed");
        }

        await AssertNoPartialUploadsAsync();
    }

    [Fact]
    public async Task Tenant_folders_are_lowercase_and_distinct_for_ids_that_differ_by_case()
    {
        await using var provider = Build(s => s.UseLocalDisk(_root.Path));
        var store = provider.GetRequiredService<ITenantObjectStore>();
        using (AmbientCurrentTenant.Instance.Begin(new TenantInfo("T-Acme", "upper", "Upper")))
        {
            await store.PutAsync("x.txt", Text("upper"));
        }

        using (AmbientCurrentTenant.Instance.Begin(new TenantInfo("t-acme", "lower", "Lower")))
        {
            await store.PutAsync("x.txt", Text("lower"));
        }

        Directory.EnumerateDirectories(Path.Join(_root.Path, "tenants")).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Should().Equal("!t-!acme", "t-acme");
    }
}

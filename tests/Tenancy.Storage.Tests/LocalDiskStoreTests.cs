using Microsoft.Extensions.DependencyInjection;
using static Tenancy.Storage.Tests.StoreFixture;

namespace Tenancy.Storage.Tests;

/// <summary>The shared suite on the local disk, plus the disk's own risks: symbolic links and folder/object clashes.</summary>
public sealed class LocalDiskStoreTests : ObjectStoreContractTests
{
    private readonly TempFolder _root = new();
    private readonly TempFolder _outside = new();

    protected override Task<Action<TenancyStorageBuilder>> PrepareAsync() =>
        Task.FromResult<Action<TenancyStorageBuilder>>(s => s.UseLocalDisk(_root.Path));

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
        await folder.Should().ThrowAsync<ObjectStorageException>();
        var file = async () => await Store.PutAsync("a/b.txt/c", Text("clash"));
        await file.Should().ThrowAsync<ObjectStorageException>();
        (await Store.ListAsync()).Objects.Select(o => o.Key).Should().Equal("a/b.txt");
        await AssertNoPartialUploadsAsync();
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

    [Fact]
    public async Task Presigned_urls_are_a_typed_error_on_disk()
    {
        using var _ = As(Acme);
        var presign = async () => await Store.GetPresignedUrlAsync("a.txt", PresignedUrlMethod.Get, TimeSpan.FromMinutes(5));
        await presign.Should().ThrowAsync<ObjectStorageException>();
    }
}

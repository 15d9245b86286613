using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Storage;
using Tenancy.Storage.Usage;

namespace Tenancy.Security.Tests.Storage;

/// <summary>
/// Issue 7, smaller defects: tenant ids are case-sensitive (<c>T-Acme</c> and <c>t-acme</c> are two tenants), but a
/// case-insensitive file system (macOS, Windows) or a case-folding S3 consumer sees <c>tenants/T-Acme/</c> and
/// <c>tenants/t-acme/</c> as one folder. No two tenants may share a folder or prefix, even after case folding.
/// </summary>
public abstract class TenantCaseCollisionAttackTests : StorageAttackTestBase
{
    [Fact]
    public async Task Tenants_whose_ids_differ_only_by_case_never_share_a_folder_or_prefix()
    {
        (await PutAsync("report.txt", StorageHost.AcmeUpper, "upper")).Should().Be(HttpStatusCode.Created);
        (await PutAsync("report.txt", StorageHost.Acme, "lower")).Should().Be(HttpStatusCode.Created);

        var keys = await Host.PhysicalKeysAsync();
        keys.Should().HaveCount(2);
        keys.Select(k => k.ToUpperInvariant()).Distinct().Should().HaveCount(2, "the physical keys must differ after case folding: {0}", string.Join(", ", keys));
        var folders = keys.Select(k => k[..(k.LastIndexOf('/') + 1)].ToUpperInvariant()).ToList();
        folders[0].Should().NotStartWith(folders[1]);
        folders[1].Should().NotStartWith(folders[0]);

        (await GetAsync("report.txt", StorageHost.AcmeUpper)).Body.Should().Be("upper");
        (await GetAsync("report.txt", StorageHost.Acme)).Body.Should().Be("lower");
    }

    [Fact]
    public async Task Purging_or_measuring_one_tenant_never_touches_its_case_twin()
    {
        (await PutAsync("a.txt", StorageHost.AcmeUpper, "upper-a")).Should().Be(HttpStatusCode.Created);
        (await PutAsync("b.txt", StorageHost.AcmeUpper, "upper-b")).Should().Be(HttpStatusCode.Created);
        (await PutAsync("a.txt", StorageHost.Acme, "lower")).Should().Be(HttpStatusCode.Created);

        var usage = Host.Services.GetRequiredService<ITenantStorageUsage>();
        (await usage.GetUsageAsync("t-acme")).Objects.Should().Be(1);
        (await usage.GetUsageAsync("T-Acme")).Objects.Should().Be(2);

        await Host.Services.GetRequiredService<ITenantStoragePurge>().PurgeAsync("t-acme");
        (await GetAsync("a.txt", StorageHost.AcmeUpper)).Body.Should().Be("upper-a");
        (await GetAsync("b.txt", StorageHost.AcmeUpper)).Body.Should().Be("upper-b");
        (await GetAsync("a.txt", StorageHost.Acme)).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_presigned_url_of_one_case_twin_does_not_serve_the_other()
    {
        if (Backend == StorageBackend.S3)
        {
            (await PutAsync("a.txt", StorageHost.AcmeUpper, "upper")).Should().Be(HttpStatusCode.Created);
            (await PutAsync("a.txt", StorageHost.Acme, "lower")).Should().Be(HttpStatusCode.Created);
            using var presignS3 = await Host.SendAsync(HttpMethod.Post, "/files-presign/a.txt?method=GET", StorageHost.AcmeUpper);
            var s3Url = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<PresignedUrl>(presignS3.Content))!.Url;
            using var http = new HttpClient();
            (await http.GetStringAsync(s3Url)).Should().Be("upper");
            return;
        }

        (await PutAsync("a.txt", StorageHost.AcmeUpper, "upper")).Should().Be(HttpStatusCode.Created);
        (await PutAsync("a.txt", StorageHost.Acme, "lower")).Should().Be(HttpStatusCode.Created);
        using var presign = await Host.SendAsync(HttpMethod.Post, "/files-presign/a.txt?method=GET", StorageHost.AcmeUpper);
        var url = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<PresignedUrl>(presign.Content))!.Url;
        url.AbsolutePath.Should().Be("/files-presigned/T-Acme/a.txt");

        using var own = await Host.SendAsync(HttpMethod.Get, url.PathAndQuery, tenant: null);
        (await own.Content.ReadAsStringAsync()).Should().Be("upper");
        using var twin = await Host.SendAsync(HttpMethod.Get, url.PathAndQuery.Replace("/T-Acme/", "/t-acme/", StringComparison.Ordinal), tenant: null);
        twin.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private sealed record PresignedUrl(Uri Url);

    public sealed class OnLocalDisk : TenantCaseCollisionAttackTests
    {
        protected override StorageBackend Backend => StorageBackend.LocalDisk;
    }

    public sealed class OnS3 : TenantCaseCollisionAttackTests
    {
        protected override StorageBackend Backend => StorageBackend.S3;
    }
}

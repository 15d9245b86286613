using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tenancy.Platform.Tests.Idempotency;

public sealed class IdempotencyTests : IAsyncLifetime
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _runs;
    private PlatformApp _app = null!;

    public async Task InitializeAsync() => _app = await PlatformApp.StartAsync(endpoints: app =>
    {
        app.MapPost("/orders", async (HttpRequest request, ICurrentTenant tenant) =>
        {
            var n = Interlocked.Increment(ref _runs);
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            return Results.Json(new { run = n, tenant = tenant.Id, body }, statusCode: 201);
        });
        app.MapPost("/slow", async () =>
        {
            Interlocked.Increment(ref _runs);
            await _gate.Task;
            return Results.Ok("done");
        });
        app.MapPost("/fails", () =>
        {
            Interlocked.Increment(ref _runs);
            return Results.StatusCode(503);
        });
    });

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_retry_gets_the_first_response_without_running_again()
    {
        var first = await SendAsync("/orders", "acme", "key-1", "{\"sku\":1}");
        var retry = await SendAsync("/orders", "acme", "key-1", "{\"sku\":1}");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        (await retry.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        retry.Headers.GetValues("Idempotency-Replayed").Should().Equal("true");
        retry.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        _runs.Should().Be(1);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_with_422()
    {
        await SendAsync("/orders", "acme", "key-2", "{\"sku\":1}");

        var other = await SendAsync("/orders", "acme", "key-2", "{\"sku\":2}");

        other.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        other.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        _runs.Should().Be(1);
    }

    [Fact]
    public async Task Keys_are_kept_per_tenant()
    {
        var acme = await SendAsync("/orders", "acme", "shared-key", "{}");
        var globex = await SendAsync("/orders", "globex", "shared-key", "{}");

        (await acme.Content.ReadAsStringAsync()).Should().Contain("\"tenant\":\"acme\"");
        (await globex.Content.ReadAsStringAsync()).Should().Contain("\"tenant\":\"globex\"");
        globex.Headers.Contains("Idempotency-Replayed").Should().BeFalse("another tenant's response is never replayed");
        _runs.Should().Be(2);
    }

    [Fact]
    public async Task A_concurrent_duplicate_gets_409_while_the_first_runs()
    {
        var first = SendAsync("/slow", "acme", "key-3", "x");
        while (Volatile.Read(ref _runs) == 0)
        {
            await Task.Delay(10);
        }

        var duplicate = await SendAsync("/slow", "acme", "key-3", "x");
        _gate.SetResult();

        duplicate.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await first).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SendAsync("/slow", "acme", "key-3", "x")).Headers.Contains("Idempotency-Replayed").Should().BeTrue();
        _runs.Should().Be(1);
    }

    [Fact]
    public async Task Server_errors_are_not_stored_so_a_retry_runs_again()
    {
        (await SendAsync("/fails", "acme", "key-4", "x")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await SendAsync("/fails", "acme", "key-4", "x")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        _runs.Should().Be(2);
    }

    [Fact]
    public async Task Entries_expire()
    {
        await SendAsync("/orders", "acme", "key-5", "{}");
        _app.Time.Advance(TimeSpan.FromHours(25));

        (await SendAsync("/orders", "acme", "key-5", "{}")).Headers.Contains("Idempotency-Replayed").Should().BeFalse();
        _runs.Should().Be(2);
    }

    [Fact]
    public async Task A_malformed_key_is_refused_with_400()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("X-Tenant", "acme");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", ["a", "b"]);

        (await _app.Client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SendAsync("/orders", "acme", new string('k', 256), "{}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        _runs.Should().Be(0);
    }

    [Fact]
    public async Task A_store_that_does_not_answer_gets_503_and_the_request_does_not_run()
    {
        var runs = 0;
        await using var app = await PlatformApp.StartAsync(
            services: s => s.AddSingleton<Microsoft.Extensions.Caching.Distributed.IDistributedCache, UnavailableCache>(),
            endpoints: a => a.MapPost("/orders", () =>
            {
                Interlocked.Increment(ref runs);
                return Results.StatusCode(201);
            }));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-Tenant", "acme");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "key-down");

        using var response = await app.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("urn:tenancy:problem:idempotency-unavailable");
        runs.Should().Be(0, "without the store nothing guarantees the request runs once");
    }

    private sealed class UnavailableCache : Microsoft.Extensions.Caching.Distributed.IDistributedCache
    {
        public byte[]? Get(string key) => throw new TimeoutException("the cache is down");

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => throw new TimeoutException("the cache is down");

        public void Refresh(string key) => throw new TimeoutException("the cache is down");

        public Task RefreshAsync(string key, CancellationToken token = default) => throw new TimeoutException("the cache is down");

        public void Remove(string key) => throw new TimeoutException("the cache is down");

        public Task RemoveAsync(string key, CancellationToken token = default) => throw new TimeoutException("the cache is down");

        public void Set(string key, byte[] value, Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions options) => throw new TimeoutException("the cache is down");

        public Task SetAsync(string key, byte[] value, Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions options, CancellationToken token = default) => throw new TimeoutException("the cache is down");
    }

    private Task<HttpResponseMessage> SendAsync(string path, string tenant, string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-Tenant", tenant);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return _app.Client.SendAsync(request);
    }
}

using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace Tenancy.Scim.Benchmarks;

/// <summary>End to end over HTTP (Kestrel on loopback) against PostgreSQL with row-level security.</summary>
[MemoryDiagnoser]
public class HttpBenchmarks
{
    private ScimBenchmarkHost _host = null!;
    private int _next;

    [GlobalSetup]
    public void Setup() => _host = ScimBenchmarkHost.StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "GET /Users?filter=userName eq (100k users in tenant, 10 tenants)")]
    public Task<string> UserNameEqLookup()
    {
        var i = Interlocked.Increment(ref _next) % ScimBenchmarkHost.UsersInTenant;
        return Requests.LookupAsync(_host.Client, i);
    }

    [Benchmark(Description = "PATCH active (Entra shape)")]
    public Task PatchActive() => Requests.PatchActiveAsync(_host.Client, Interlocked.Increment(ref _next) % ScimBenchmarkHost.UsersInTenant);

    [Benchmark(Description = "PATCH add + remove one member of a 50,000-member group")]
    public Task AddAndRemoveMember() => Requests.AddAndRemoveMemberAsync(_host.Client, ScimBenchmarkHost.GroupMembers + (Interlocked.Increment(ref _next) % 1000));

    [Benchmark(Description = "POST /Users")]
    public Task PostUser() => Requests.PostUserAsync(_host.Client, Guid.NewGuid().ToString("N"));
}

internal static class Requests
{
    public static async Task<string> LookupAsync(HttpClient client, int i)
    {
        using var response = await client.GetAsync($"Users?filter=userName%20eq%20%22USER{i}@tenant0.example.com%22");
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync();
        return body.Contains("\"totalResults\":1", StringComparison.Ordinal) ? body : throw new InvalidOperationException("lookup missed: " + body);
    }

    public static async Task PatchActiveAsync(HttpClient client, int i)
    {
        var value = i % 2 == 0 ? "False" : "True";
        await SendAsync(client, HttpMethod.Patch, "Users/" + ScimBenchmarkHost.UserId(i),
            $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"{{value}}"}]}""");
    }

    public static async Task AddAndRemoveMemberAsync(HttpClient client, int i)
    {
        var id = ScimBenchmarkHost.UserId(i);
        await SendAsync(client, HttpMethod.Patch, "Groups/" + ScimBenchmarkHost.GroupId,
            $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members","value":[{"value":"{{id}}","$ref":null}]}]}""");
        await SendAsync(client, HttpMethod.Patch, "Groups/" + ScimBenchmarkHost.GroupId,
            $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"{{id}}\"]"}]}""");
    }

    public static Task PostUserAsync(HttpClient client, string name) =>
        SendAsync(client, HttpMethod.Post, "Users", $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"new-{{name}}@tenant0.example.com","active":true}""");

    private static async Task SendAsync(HttpClient client, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/scim+json");
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Tenancy.Security.Tests.Storage;

/// <summary>
/// Issue 7, smaller defects: a malformed continuation token answered 409 (a server-side conflict) instead of 400. Every
/// token the caller did not get from its own listing is a typed client error: garbage, another tenant's token, a
/// token whose key would leave the tenant's folder.
/// </summary>
public abstract class MalformedContinuationTokenAttackTests : StorageAttackTestBase
{
    public static TheoryData<string> BadTokens => new()
    {
        "!!!",
        "%%%",
        "",
        "AAAA",
        Token("t-globex\nsecret.txt"),
        Token("t-acme\n../t-globex/secret.txt"),
        Token("t-acme\n"),
        Token("\na.txt"),
        Convert.ToBase64String([0xFF, 0xFE, 0x0A, 0x41]),
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_not_issued_to_this_tenant_is_a_400_problem(string token)
    {
        (await PutAsync("a.txt", StorageHost.Acme, "a")).Should().Be(HttpStatusCode.Created);
        using var response = await Host.SendAsync(HttpMethod.Get, "/files?continuationToken=" + Uri.EscapeDataString(token), StorageHost.Acme);
        if (token.Length == 0)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, "an empty token is no token");
            return;
        }

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Another_tenants_real_token_is_a_400_problem()
    {
        (await PutAsync("a.txt", StorageHost.Globex, "a")).Should().Be(HttpStatusCode.Created);
        (await PutAsync("b.txt", StorageHost.Globex, "b")).Should().Be(HttpStatusCode.Created);
        using var first = await Host.SendAsync(HttpMethod.Get, "/files?pageSize=1", StorageHost.Globex);
        var token = (await first.Content.ReadFromJsonAsync<Listing>())!.ContinuationToken!;

        using var stolen = await Host.SendAsync(HttpMethod.Get, "/files?continuationToken=" + Uri.EscapeDataString(token), StorageHost.Acme);
        stolen.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await stolen.Content.ReadAsStringAsync()).Should().NotContain("b.txt");
    }

    private static string Token(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record Listing(string? ContinuationToken);

    public sealed class OnLocalDisk : MalformedContinuationTokenAttackTests
    {
        protected override StorageBackend Backend => StorageBackend.LocalDisk;
    }

    public sealed class OnS3 : MalformedContinuationTokenAttackTests
    {
        protected override StorageBackend Backend => StorageBackend.S3;
    }
}

using System.Net;
using System.Net.Http.Json;
using Tenancy.Security.Tests.SampleHost;

namespace Tenancy.Security.Tests.RateLimiting;

/// <summary>
/// Attacks on availability through the sample host's rate limits (globex: 100 requests per 10 s): anonymous traffic
/// naming a tenant, one signed-in user flooding, and presigned-URL endpoints hammered without a tenant context.
/// </summary>
public sealed class RateLimitExhaustionAttackTests : IDisposable
{
    // The free plan's daily API-request quota (Tenancy.Billing, 50 a day in the sample) would answer 429 before the
    // rate limiter under test does: raise it so that every 429 here comes from the rate limiter.
    private readonly SampleHostFactory _factory = new() { Settings = [("Billing:Plans:Plans:0:Limits:0:Limit", "1000000")] };

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Anonymous_flood_naming_a_tenant_does_not_starve_its_signed_in_users()
    {
        using var attacker = _factory.Client(("X-Tenant", "globex"));
        var refused = 0;
        for (var i = 0; i < 150; i++)
        {
            using var response = await attacker.GetAsync(new Uri("/tenant", UriKind.Relative));
            refused += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        refused.Should().BeGreaterThan(0, "the anonymous budget is limited");
        using var member = _factory.Client(("Authorization", "Demo alice@t-globex"));
        (await member.GetAsync(new Uri("/tenant", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await member.GetAsync(new Uri("/projects", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Anonymous_flood_with_forged_credentials_does_not_starve_signed_in_users_either()
    {
        using var attacker = _factory.Client(("X-Tenant", "globex"), ("Authorization", "Demo mallory@t-nobody"));
        for (var i = 0; i < 150; i++)
        {
            using var response = await attacker.GetAsync(new Uri("/tenant", UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using var member = _factory.Client(("Authorization", "Demo alice@t-globex"));
        (await member.GetAsync(new Uri("/projects", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task One_signed_in_user_cannot_use_up_another_users_allowance()
    {
        using var alice = _factory.Client(("Authorization", "Demo alice@t-globex"));
        var aliceRefused = false;
        for (var i = 0; i < 200 && !aliceRefused; i++)
        {
            using var response = await alice.GetAsync(new Uri("/tenant", UriKind.Relative));
            aliceRefused = response.StatusCode == HttpStatusCode.TooManyRequests;
            if (aliceRefused)
            {
                response.Headers.RetryAfter.Should().NotBeNull();
                (await ProblemTypeAsync(response)).Should().Be(RateLimited, "alice ran into her own share");
            }
        }

        aliceRefused.Should().BeTrue();

        // The factory raises the plan's daily billing quota (shared by the tenant by design), so bob is served.
        using var bob = _factory.Client(("Authorization", "Demo bob@t-globex"));
        using var bobs = await bob.GetAsync(new Uri("/projects", UriKind.Relative));
        bobs.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private const string RateLimited = "urn:tenancy:problem:tenant-rate-limited";

    private static async Task<string?> ProblemTypeAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.TryGetProperty("type", out var type) ? type.GetString() : null;
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    public async Task Presigned_url_endpoints_are_rate_limited(string method)
    {
        using var client = _factory.CreateClient();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 250 && limited is null; i++)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"/files-presigned/t-acme/report-{i}.pdf?expires=4102444800&signature={new string('A', 43)}")
            {
                Content = method == "PUT" ? new StringContent("x") : null,
            };
            var response = await client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.StatusCode.Should().Be(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
                response.Dispose();
            }
        }

        limited.Should().NotBeNull("a client hammering presigned URLs is limited like any other");
        limited!.Headers.RetryAfter.Should().NotBeNull();
        limited.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        limited.Dispose();
    }
}

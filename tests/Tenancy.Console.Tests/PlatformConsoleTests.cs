using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Tenancy.Console.Tests;

/// <summary>The platform console over HTTP: search and paging of the tenants list, bad input.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PlatformConsoleTests(BrowserFixture fixture)
{
    private readonly ConsoleHost _host = fixture.Host;

    [Fact]
    public async Task Tenants_are_searched_and_paged_twenty_at_a_time()
    {
        using (var api = _host.CreateLoopbackClient())
        {
            api.DefaultRequestHeaders.Add("X-Platform-Key", "dev-platform-key-change-me");
            for (var i = 0; i < 21; i++)
            {
                using var created = await api.PostAsJsonAsync(new Uri(_host.Root + "/platform/tenants"), new { id = $"t-paged-{i:00}", identifier = $"paged{i:00}", name = $"Paged {i:00}", ownerUserId = "ada" });
                created.StatusCode.Should().Be(HttpStatusCode.OK);
            }
        }

        using var client = _host.CreateLoopbackClient();
        await ConsoleHttp.SignInAsync(client, _host.Root, DemoUsers.PlatformAdmin);

        var first = await client.GetStringAsync(new Uri(_host.Root + "/admin/tenants?q=paged"));
        var second = await client.GetStringAsync(new Uri(_host.Root + "/admin/tenants?q=paged&p=2"));

        TenantLinks().Matches(first).Select(m => m.Groups[1].Value).Should().HaveCount(20).And.OnlyContain(id => id.StartsWith("t-paged-", StringComparison.Ordinal));
        TenantLinks().Matches(second).Select(m => m.Groups[1].Value).Should().Equal("t-paged-20");
        first.Should().Contain("21 tenant(s)").And.Contain("p=2");
        second.Should().Contain("p=1");
        (await client.GetStringAsync(new Uri(_host.Root + "/admin/tenants?q=PAGED%2007"))).Should().Contain("t-paged-07").And.NotContain("t-paged-08");
    }

    [Theory]
    [InlineData("/admin/tenants?p=0")]
    [InlineData("/admin/tenants?p=abc")]
    [InlineData("/admin/tenants?q=" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public async Task Bad_list_queries_are_400(string path)
    {
        using var client = _host.CreateLoopbackClient();
        await ConsoleHttp.SignInAsync(client, _host.Root, DemoUsers.PlatformAdmin);

        (await client.GetAsync(new Uri(_host.Root + path))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Onboarding_with_bad_input_is_refused_and_creates_nothing()
    {
        using var client = _host.CreateLoopbackClient();
        await ConsoleHttp.SignInAsync(client, _host.Root, DemoUsers.PlatformAdmin);
        var page = _host.Root + "/admin/tenants/new";

        (await ConsoleHttp.PostFormAsync(client, page, page, ("id", "T BAD"), ("identifier", "bad"), ("name", "Bad"), ("plan", "free"), ("ownerUserId", "ada"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ConsoleHttp.PostFormAsync(client, page, page, ("id", "t-bad"), ("identifier", "bad"), ("name", "Bad"), ("plan", "platinum"), ("ownerUserId", "ada"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ConsoleHttp.PostFormAsync(client, page, page, ("id", "t-bad"), ("identifier", "bad"), ("name", "Bad"), ("plan", "free"), ("ownerUserId", "ada"), ("ownerEmail", "nope"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ConsoleHttp.PostFormAsync(client, page, page, ("id", "t-acme"), ("identifier", "acme2"), ("name", "Dup"), ("plan", "free"), ("ownerUserId", "ada"))).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await client.GetAsync(new Uri(_host.Root + "/admin/tenants/t-bad"))).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was created");

        var detail = _host.Root + "/admin/tenants/t-globex";
        (await ConsoleHttp.PostFormAsync(client, detail, detail + "?handler=Reactivate")).StatusCode.Should().Be(HttpStatusCode.Conflict, "Globex is active");
        (await ConsoleHttp.PostFormAsync(client, detail, detail + "?handler=Offboard", ("confirm", "t-acme"))).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the confirmation names another tenant");
    }

    [GeneratedRegex("<a href=\"/admin/tenants/(t-[a-z0-9-]+)\">")]
    private static partial Regex TenantLinks();
}

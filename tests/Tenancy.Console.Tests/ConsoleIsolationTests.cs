using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tenancy.Console.Tests;

/// <summary>
/// The console over real HTTP (Kestrel on loopback): a tenant admin of Acme sees and changes nothing of Globex, whatever
/// the request says; anonymous callers, plain members and forged forms are refused with a 4xx, never a 500.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleIsolationTests(BrowserFixture fixture)
{
    private readonly ConsoleHost _host = fixture.Host;

    private string Acme => _host.Tenant("acme");

    private string Globex => _host.Tenant("globex");

    [Fact]
    public async Task Acme_session_replayed_on_globex_subdomain_is_refused()
    {
        var jar = new CookieContainer();
        using var client = _host.CreateLoopbackClient(jar);
        (await ConsoleHttp.SignInAsync(client, Acme, DemoUsers.AcmeOwner)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var cookie = jar.GetCookieHeader(new Uri(Acme));
        cookie.Should().Contain(".Tenancy.Sample.Session=");

        foreach (var path in new[] { "/admin/members", "/admin/api-keys", "/admin/scim", "/admin/usage", "/admin/audit", "/admin/audit?handler=Csv" })
        {
            using var raw = _host.CreateLoopbackClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Globex + path));
            request.Headers.Add("Cookie", cookie);
            using var response = await raw.SendAsync(request);
            ((int)response.StatusCode).Should().BeInRange(400, 499, path);
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{path}: the session's tenant claim (Acme) disagrees with the subdomain (Globex)");
            (await response.Content.ReadAsStringAsync()).Should().NotContain("gus").And.NotContain("Globex Corporation");
        }
    }

    [Fact]
    public async Task Acme_admin_cannot_revoke_a_globex_api_key_by_its_id()
    {
        var (globexKeyId, globexToken) = await CreateGlobexKeyAsync();
        using var client = _host.CreateLoopbackClient();
        await ConsoleHttp.SignInAsync(client, Acme, DemoUsers.AcmeOwner);

        using var response = await ConsoleHttp.PostFormAsync(client, Acme + "/admin/api-keys", Acme + "/admin/api-keys?handler=Revoke", ("keyId", globexKeyId));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var check = _host.CreateLoopbackClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_host.Root + "/tenant"));
        request.Headers.TryAddWithoutValidation("Authorization", "ApiKey " + globexToken);
        (await check.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK, "Globex's key still works");
    }

    [Fact]
    public async Task Tampered_tenant_ids_in_query_strings_and_forms_are_ignored()
    {
        using var client = _host.CreateLoopbackClient();
        await ConsoleHttp.SignInAsync(client, Acme, DemoUsers.AcmeOwner);

        var members = await client.GetStringAsync(new Uri(Acme + "/admin/members?tenant=t-globex&tenantId=t-globex&tid=t-globex"));
        members.Should().Contain("ben").And.NotContain("gus");
        var csv = await client.GetStringAsync(new Uri(Acme + "/admin/audit?handler=Csv&tenant=t-globex&tid=t-globex"));
        csv.Should().NotContain("t-globex").And.NotContain("gus");

        // Removing Globex's owner "from Acme" with a forged tenant field changes nothing in Globex.
        using var removed = await ConsoleHttp.PostFormAsync(client, Acme + "/admin/members", Acme + "/admin/members?handler=Remove&tenantId=t-globex", ("userId", "gus"), ("tenantId", "t-globex"), ("tid", "t-globex"));
        removed.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var globex = _host.CreateLoopbackClient();
        globex.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Demo gus@t-globex");
        (await globex.GetStringAsync(new Uri(_host.Root + "/platform/members"))).Should().Contain("\"gus\"");
    }

    [Theory]
    [InlineData("/admin/members")]
    [InlineData("/admin/api-keys")]
    [InlineData("/admin/audit?handler=Csv")]
    [InlineData("/admin/usage")]
    public async Task Anonymous_page_requests_go_to_sign_in_and_anonymous_posts_are_401(string path)
    {
        using var client = _host.CreateLoopbackClient();
        using var get = await client.GetAsync(new Uri(Acme + path));
        get.StatusCode.Should().Be(HttpStatusCode.Redirect);
        get.Headers.Location!.AbsolutePath.Should().Be("/admin/signin");

        using var post = await client.PostAsync(new Uri(Acme + path.Split('?')[0] + "?handler=Revoke"), new FormUrlEncodedContent([KeyValuePair.Create("keyId", "x")]));
        post.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/admin/members")]
    [InlineData("/admin/api-keys")]
    [InlineData("/admin/scim")]
    [InlineData("/admin/usage")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/audit?handler=Csv")]
    public async Task A_member_who_is_not_an_admin_is_forbidden(string path)
    {
        using var client = _host.CreateLoopbackClient();
        (await ConsoleHttp.SignInAsync(client, Acme, DemoUsers.AcmeMember)).StatusCode.Should().Be(HttpStatusCode.Redirect, "ben is a member of Acme");

        using var response = await client.GetAsync(new Uri(Acme + path));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Tenant_sessions_cannot_use_the_platform_console_and_the_operator_cannot_use_a_tenant_console()
    {
        using var tenantAdmin = _host.CreateLoopbackClient();
        await ConsoleHttp.SignInAsync(tenantAdmin, Acme, DemoUsers.AcmeOwner);
        foreach (var path in new[] { "/admin/tenants", "/admin/tenants/t-globex", "/admin/tenants/t-globex?handler=Export" })
        {
            (await tenantAdmin.GetAsync(new Uri(Acme + path))).StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
        }

        using var operatorClient = _host.CreateLoopbackClient();
        (await ConsoleHttp.SignInAsync(operatorClient, _host.Root, DemoUsers.PlatformAdmin)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await operatorClient.GetAsync(new Uri(_host.Root + "/admin/members"))).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the root host has no tenant");
        (await operatorClient.GetAsync(new Uri(_host.Root + "/admin/tenants/t-nobody"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await operatorClient.GetAsync(new Uri(_host.Root + "/admin/tenants/..%2Fx"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Sign_in_refuses_wrong_passwords_other_tenants_members_and_operators_on_a_tenant()
    {
        using var client = _host.CreateLoopbackClient();
        (await ConsoleHttp.SignInAsync(client, Acme, (DemoUsers.AcmeOwner.Email, "wrong"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ConsoleHttp.SignInAsync(client, Acme, DemoUsers.GlobexOwner)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "gus is no member of Acme");
        (await ConsoleHttp.SignInAsync(client, _host.Root, DemoUsers.AcmeOwner)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "ada is no platform operator");
        (await ConsoleHttp.SignInAsync(client, Acme, ("nobody@example.com", "x"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.GetAsync(new Uri(Acme + "/admin/members"))).StatusCode.Should().Be(HttpStatusCode.Redirect, "no session was issued");
    }

    [Fact]
    public async Task Forms_without_the_antiforgery_token_are_rejected_and_change_nothing()
    {
        using var client = _host.CreateLoopbackClient();
        await ConsoleHttp.SignInAsync(client, Acme, DemoUsers.AcmeOwner);
        var before = await client.GetStringAsync(new Uri(Acme + "/admin/api-keys"));

        using var response = await client.PostAsync(new Uri(Acme + "/admin/api-keys?handler=Create"), new FormUrlEncodedContent([KeyValuePair.Create("name", "csrf-" + Guid.NewGuid().ToString("N")[..6])]));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetStringAsync(new Uri(Acme + "/admin/api-keys"))).Should().NotContain("csrf-");
        using var signIn = await client.PostAsync(new Uri(Acme + "/admin/signin"), new FormUrlEncodedContent([KeyValuePair.Create("email", DemoUsers.AcmeOwner.Email), KeyValuePair.Create("password", DemoUsers.AcmeOwner.Password)]));
        signIn.StatusCode.Should().Be(HttpStatusCode.BadRequest, "sign-in is a form too (login CSRF)");
        before.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("/admin/audit?after=-1")]
    [InlineData("/admin/audit?from=not-a-date")]
    [InlineData("/admin/audit?from=2026-02-01&to=2026-01-01")]
    [InlineData("/admin/audit?handler=Csv&after=-5")]
    public async Task Bad_filters_are_400_not_500(string path)
    {
        using var client = _host.CreateLoopbackClient();
        await ConsoleHttp.SignInAsync(client, Acme, DemoUsers.AcmeOwner);

        (await client.GetAsync(new Uri(Acme + path))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bad_form_values_are_4xx_with_a_message()
    {
        using var client = _host.CreateLoopbackClient();
        await ConsoleHttp.SignInAsync(client, Acme, DemoUsers.AcmeOwner);

        (await ConsoleHttp.PostFormAsync(client, Acme + "/admin/members", Acme + "/admin/members?handler=Invite", ("email", "not-an-email"), ("role", "member"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ConsoleHttp.PostFormAsync(client, Acme + "/admin/members", Acme + "/admin/members?handler=Invite", ("email", "x@example.com"), ("role", "god"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ConsoleHttp.PostFormAsync(client, Acme + "/admin/members", Acme + "/admin/members?handler=SetRole", ("userId", "ada"), ("role", "viewer"))).StatusCode.Should().Be(HttpStatusCode.Conflict, "the last owner keeps the role");
        (await ConsoleHttp.PostFormAsync(client, Acme + "/admin/api-keys", Acme + "/admin/api-keys?handler=Create", ("name", ""))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ConsoleHttp.PostFormAsync(client, Acme + "/admin/api-keys", Acme + "/admin/api-keys?handler=Create", ("name", "k"), ("scopes", "*"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ConsoleHttp.PostFormAsync(client, Acme + "/admin/api-keys", Acme + "/admin/api-keys?handler=Revoke", ("keyId", "../../x"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ConsoleHttp.PostFormAsync(client, Acme + "/admin/scim", Acme + "/admin/scim?handler=Revoke", ("tokenId", "nope"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ConsoleHttp.PostFormAsync(client, Acme + "/admin/members", Acme + "/admin/members?handler=RevokeInvitation", ("invitationId", "nope"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_session_follows_the_shared_contract_and_feeds_tenant_resolution()
    {
        using var client = _host.CreateLoopbackClient();
        await ConsoleHttp.SignInAsync(client, Acme, DemoUsers.AcmeOwner);

        // The cookie alone authenticates tenant data endpoints of its tenant (RequireTenantMember: tid = the tenant).
        (await client.GetAsync(new Uri(Acme + "/projects"))).StatusCode.Should().Be(HttpStatusCode.OK);
        using var conflict = new HttpRequestMessage(HttpMethod.Get, new Uri(Acme + "/tenant"));
        conflict.Headers.Add("X-Tenant", "globex");
        (await client.SendAsync(conflict)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the header disagrees with the session's tenant");

        // Demo and broken bearer credentials keep their behaviour whatever cookie is sent.
        using var demo = new HttpRequestMessage(HttpMethod.Get, new Uri(Acme + "/tenant"));
        demo.Headers.TryAddWithoutValidation("Authorization", "Demo gus@t-globex");
        (await client.SendAsync(demo)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the demo credential names Globex on Acme's host");
        using var bearer = new HttpRequestMessage(HttpMethod.Get, new Uri(Acme + "/tenant"));
        bearer.Headers.TryAddWithoutValidation("Authorization", "Bearer x");
        (await client.SendAsync(bearer)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private async Task<(string Id, string Token)> CreateGlobexKeyAsync()
    {
        using var client = _host.CreateLoopbackClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Demo gus@t-globex");
        using var response = await client.PostAsJsonAsync(new Uri(_host.Root + "/platform/api-keys"), new { name = "globex-ci", scopes = new[] { "data.read" } });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("key").GetProperty("id").GetString()!, body.GetProperty("token").GetString()!);
    }
}

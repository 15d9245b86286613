using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Members;

namespace Tenancy.Sso.Tests;

public sealed class SignInTests : IAsyncLifetime
{
    private SsoApp _app = null!;

    private TestIssuer Acme => _app.Idp["acme"];

    public async Task InitializeAsync() => _app = await SsoApp.StartAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Signin_redirects_to_the_tenants_provider_with_state_nonce_and_pkce()
    {
        using var response = await new Browser(_app).GetAsync("http://acme.app.test/signin");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).Should().Be(Acme.Endpoint + "/authorize");
        var query = QueryHelpers.ParseQuery(location.Query);
        query["client_id"].ToString().Should().Be("app");
        query["redirect_uri"].ToString().Should().Be("http://acme.app.test/signin/callback");
        query["code_challenge_method"].ToString().Should().Be("S256");
        query["state"].ToString().Length.Should().BeGreaterThan(40);
        query["nonce"].ToString().Length.Should().BeGreaterThan(40);
        query["code_challenge"].ToString().Length.Should().Be(43);
        query["scope"].ToString().Split(' ').Should().Contain("openid");

        using var globex = await new Browser(_app).GetAsync("http://globex.app.test/signin");
        globex.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(_app.Idp["globex"].Endpoint + "/authorize");
    }

    [Fact]
    public async Task A_first_sign_in_creates_one_member_and_the_next_finds_it()
    {
        var browser = new Browser(_app);
        using var callback = await browser.SignInAsync("acme.app.test");

        callback.StatusCode.Should().Be(HttpStatusCode.Redirect, await callback.Content.ReadAsStringAsync());
        callback.Headers.Location!.ToString().Should().Be("/whoami");
        using var whoami = await browser.GetAsync("http://acme.app.test/whoami");
        whoami.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await whoami.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("tenant").GetString().Should().Be("t-acme");
        body.GetProperty("amr").GetString().Should().Be("sso");
        body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal(TenantRoles.Member);
        var userId = body.GetProperty("user").GetString();

        using var again = await new Browser(_app).SignInAsync("acme.app.test");
        again.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var members = await _app.Members.ListMembersAsync("t-acme");
        members.Should().ContainSingle().Which.UserId.Should().Be(userId);
        members[0].Email.Should().Be("alice@example.com");
        (await _app.Members.ListMembersAsync("t-globex")).Should().BeEmpty();

        (await browser.GetAsync("http://globex.app.test/whoami")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the cookie's tenant claim wins over the host");
    }

    [Fact]
    public async Task A_provisioned_member_with_the_same_verified_email_is_linked_not_duplicated()
    {
        await _app.Members.AddMemberAsync("t-acme", "scim-7", "Alice@Example.com", [TenantRoles.Admin]);

        using var callback = await new Browser(_app).SignInAsync("acme.app.test");

        callback.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await _app.Members.ListMembersAsync("t-acme")).Should().ContainSingle().Which.UserId.Should().Be("scim-7");
    }

    [Fact]
    public async Task An_unverified_email_never_links_to_an_existing_member()
    {
        await _app.Members.AddMemberAsync("t-acme", "scim-7", "alice@example.com", [TenantRoles.Owner]);
        Acme.User = new TestUser("mallory", "alice@example.com", EmailVerified: false, "Mallory");

        using var callback = await new Browser(_app).SignInAsync("acme.app.test");

        callback.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var members = await _app.Members.ListMembersAsync("t-acme");
        members.Should().HaveCount(2);
        members.Single(m => m.UserId != "scim-7").Roles.Should().Equal(TenantRoles.Member);
    }

    [Fact]
    public async Task Without_just_in_time_creation_an_unknown_person_is_refused_and_nothing_is_created()
    {
        await _app.Sso.SaveAsync(SsoApp.Settings("t-acme", Acme) with { CreateMembers = false });

        using var callback = await new Browser(_app).SignInAsync("acme.app.test");

        callback.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _app.Members.ListMembersAsync("t-acme")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_replayed_state_is_refused_and_creates_nothing_more()
    {
        var browser = new Browser(_app);
        var callbackUrl = await browser.SignInAtProviderAsync("acme.app.test");
        var cookies = browser.Cookies.ToDictionary();
        (await browser.GetAsync(callbackUrl)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var members = await _app.Members.ListMembersAsync("t-acme");

        var replay = new Browser(_app);
        foreach (var (name, value) in cookies)
        {
            ((Dictionary<string, string>)replay.Cookies)[name] = value;
        }

        using var replayed = await replay.GetAsync(callbackUrl);

        replayed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().Should().Be("urn:tenancy:problem:sso-sign-in-failed");
        (await _app.Members.ListMembersAsync("t-acme")).Should().BeEquivalentTo(members);
    }

    [Fact]
    public async Task A_code_from_another_sign_in_fails_the_pkce_check_and_creates_nothing()
    {
        var victim = new Browser(_app);
        var victimCallback = new Uri(await victim.SignInAtProviderAsync("acme.app.test"));
        Acme.User = new TestUser("attacker", "attacker@example.com", true, "Attacker");
        var attackerCallback = new Uri(await new Browser(_app).SignInAtProviderAsync("acme.app.test"));

        // The attacker's code, injected into the victim's callback (the victim's state and cookie, so the victim's PKCE verifier).
        var attackerCode = QueryHelpers.ParseQuery(attackerCallback.Query)["code"].ToString();
        var victimState = QueryHelpers.ParseQuery(victimCallback.Query)["state"].ToString();
        using var injected = await victim.GetAsync($"http://acme.app.test/signin/callback?code={Uri.EscapeDataString(attackerCode)}&state={Uri.EscapeDataString(victimState)}");

        injected.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _app.Members.ListMembersAsync("t-acme")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_callback_without_the_code_or_from_another_browser_is_refused()
    {
        var browser = new Browser(_app);
        var callback = new Uri(await browser.SignInAtProviderAsync("acme.app.test"));
        var state = QueryHelpers.ParseQuery(callback.Query)["state"].ToString();

        (await new Browser(_app).GetAsync(callback.ToString())).StatusCode.Should().Be(HttpStatusCode.BadRequest, "no sign-in cookie: another browser");
        var second = new Uri(await browser.SignInAtProviderAsync("acme.app.test"));
        var secondState = QueryHelpers.ParseQuery(second.Query)["state"].ToString();
        (await browser.GetAsync($"http://acme.app.test/signin/callback?state={Uri.EscapeDataString(secondState)}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await browser.GetAsync("http://acme.app.test/signin/callback")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await browser.GetAsync($"http://acme.app.test/signin/callback?state={state}&error=access_denied")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _app.Members.ListMembersAsync("t-acme")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_sign_in_started_at_one_tenant_is_refused_at_the_other_tenants_callback()
    {
        var browser = new Browser(_app);
        var acmeCallback = new Uri(await browser.SignInAtProviderAsync("acme.app.test"));

        using var atGlobex = await browser.GetAsync("http://globex.app.test/signin/callback" + acmeCallback.Query);

        atGlobex.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _app.Members.ListMembersAsync("t-globex")).Should().BeEmpty();
        (await _app.Members.ListMembersAsync("t-acme")).Should().BeEmpty();
    }

    [Fact]
    public async Task An_id_token_from_tenant_a_returned_at_tenant_bs_callback_is_refused()
    {
        var globex = _app.Idp["globex"];
        globex.IdTokenOverride = pending => TestIdentityProvider.Mint(Acme, new Dictionary<string, object> { ["sub"] = "user-1", ["nonce"] = pending.Nonce, ["aud"] = globex.ClientId });

        using var callback = await new Browser(_app).SignInAsync("globex.app.test");

        callback.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _app.Members.ListMembersAsync("t-globex")).Should().BeEmpty();

        // Same for one with Globex's issuer name but Acme's signature, or a replayed nonce.
        globex.IdTokenOverride = pending => TestIdentityProvider.Mint(globex, new Dictionary<string, object> { ["nonce"] = pending.Nonce }, key: Acme.CurrentRsa);
        (await new Browser(_app).SignInAsync("globex.app.test")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        globex.IdTokenOverride = _ => TestIdentityProvider.Mint(globex, new Dictionary<string, object> { ["nonce"] = "an-old-nonce" });
        (await new Browser(_app).SignInAsync("globex.app.test")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _app.Members.ListMembersAsync("t-globex")).Should().BeEmpty();
    }

    [Fact]
    public async Task Sign_in_needs_a_tenant_with_a_provider_and_keeps_return_urls_local()
    {
        (await new Browser(_app).GetAsync("http://localhost/signin")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await new Browser(_app).GetAsync("http://localhost/signin/callback?state=x&code=y")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await new Browser(_app).GetAsync("http://initech.app.test/signin")).StatusCode.Should().Be((HttpStatusCode)423);
        await _app.Sso.DeleteAsync("t-globex");
        (await new Browser(_app).GetAsync("http://globex.app.test/signin")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var callback = await new Browser(_app).SignInAsync("acme.app.test", returnUrl: "//evil.example/steal");
        callback.Headers.Location!.ToString().Should().Be("/");
    }

    [Fact]
    public async Task An_sso_enforced_tenant_refuses_password_sign_in()
    {
        (await _app.Sso.IsPasswordSignInAllowedAsync("t-acme")).Should().BeTrue();
        (await _app.Sso.IsPasswordSignInAllowedAsync("t-contoso")).Should().BeTrue();

        await _app.Sso.SaveAsync(SsoApp.Settings("t-acme", Acme) with { SsoEnforced = true });

        (await _app.Sso.IsPasswordSignInAllowedAsync("t-acme")).Should().BeFalse();
        (await _app.Sso.IsPasswordSignInAllowedAsync("t-globex")).Should().BeTrue();
        (await new Browser(_app).SignInAsync("acme.app.test")).StatusCode.Should().Be(HttpStatusCode.Redirect, "SSO still signs in");
    }

    [Fact]
    public async Task Offboarding_removes_the_provider_links_and_secrets_of_that_tenant_only()
    {
        (await new Browser(_app).SignInAsync("acme.app.test")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var steps = _app.Services.GetServices<Tenancy.Lifecycle.TenantLifecycleStep>().Where(s => s.Name is "sso" or "secrets").ToArray();
        steps.Should().HaveCount(2);

        foreach (var step in steps)
        {
            await step.RunAsync(Tenancy.Lifecycle.TenantLifecycleStage.RevokeCredentials, new Tenancy.Lifecycle.TenantLifecycleContext(new TenantInfo("t-acme", "acme", "Acme"), null), default);
        }

        (await _app.Sso.FindAsync("t-acme")).Should().BeNull();
        (await _app.Services.GetRequiredService<ITenantSsoStore>().FindLoginAsync("t-acme", Acme.Issuer, "user-1")).Should().BeNull();
        (await _app.Secrets.ListAsync("t-acme")).Should().BeEmpty();
        (await _app.Secrets.ListAsync("t-globex")).Should().ContainSingle();
        (await _app.StatusAsync("http://acme.app.test/whoami", TestIdentityProvider.Mint(Acme))).Should().Be(HttpStatusCode.Unauthorized);
        (await _app.StatusAsync("http://globex.app.test/whoami", TestIdentityProvider.Mint(_app.Idp["globex"]))).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_missing_client_secret_is_a_503_problem_and_creates_nothing()
    {
        await _app.Secrets.DeleteAsync("t-acme", Tenancy.Secrets.TenantSecretKind.OidcClientSecret, "oidc");

        using var callback = await new Browser(_app).SignInAsync("acme.app.test");

        callback.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await callback.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().Should().Be("urn:tenancy:problem:sso-misconfigured");
        (await _app.Members.ListMembersAsync("t-acme")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused_by_the_provider_and_creates_nothing()
    {
        await _app.Secrets.SetAsync("t-acme", Tenancy.Secrets.TenantSecretKind.OidcClientSecret, "oidc", "globex-or-stale-secret");

        (await new Browser(_app).SignInAsync("acme.app.test")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _app.Members.ListMembersAsync("t-acme")).Should().BeEmpty();
    }
}

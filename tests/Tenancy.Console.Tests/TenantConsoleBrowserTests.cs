using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Tenancy.Console.Tests;

/// <summary>A tenant's console (its subdomain) in headless Chromium: members, API keys, SCIM, usage, audit.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TenantConsoleBrowserTests(BrowserFixture fixture)
{
    private readonly ConsoleHost _host = fixture.Host;

    [Fact]
    public async Task Owner_invites_a_member_creates_and_revokes_an_api_key_and_sees_usage_and_the_audit_entry_of_each()
    {
        var acme = _host.Tenant("acme");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(acme + "/admin");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to the Acme Ltd console" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "10-tenant-signin");
        await PlatformConsoleBrowserTests.SignInAsync(page, DemoUsers.AcmeOwner);

        // Plan and usage: the landing page, with a server-rendered chart of 30 days per meter.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Plan: Pro" })).ToBeVisibleAsync();
        (await page.Locator("svg.chart").CountAsync()).Should().BeGreaterThan(0);
        (await page.Locator("svg.chart").First.Locator("rect").CountAsync()).Should().Be(30);
        var requestsBefore = await ApiRequestsUsedAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "11-tenant-usage");

        // Members: invite one; the token is shown once and the invitation is listed.
        var email = "carol" + Guid.NewGuid().ToString("N")[..8] + "@example.com";
        await page.GetByRole(AriaRole.Link, new() { Name = "Members" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "ben", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("viewer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(page.Locator("#invitation-token")).ToContainTextAsync("tnc_");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = email, Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "12-tenant-members");

        // API keys: create one (shown once), use it, revoke it, see it refused.
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        var keyName = "ci-" + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Name").FillAsync(keyName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var token = (await page.Locator("#created-key").InnerTextAsync()).Trim();
        token.Should().StartWith("tnc_live_");
        await BrowserFixture.ScreenshotAsync(page, "13-tenant-api-keys");
        using var client = _host.CreateLoopbackClient();
        (await TenantOfKeyAsync(client, token)).Should().Be("t-acme");
        await page.GotoAsync(acme + "/admin/api-keys");
        (await page.Locator("#created-key").CountAsync()).Should().Be(0, "the key is shown once");
        (await page.ContentAsync()).Should().NotContain(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke key " + keyName }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Key revoked");
        (await TenantOfKeyAsync(client, token)).Should().Be("401", "a revoked key stops working at once");

        // SCIM: issue a token, provision a user with it, see the request in the provisioning log.
        await page.GetByRole(AriaRole.Link, new() { Name = "SCIM" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue token" }).ClickAsync();
        var scimToken = (await page.Locator("#scim-token").InnerTextAsync()).Trim();
        var baseUrl = (await page.Locator("#scim-base-url").InnerTextAsync()).Trim();
        baseUrl.Should().Be(acme + "/scim/v2");
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl + "/Users")))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", scimToken);
            request.Content = JsonContent.Create(new { schemas = new[] { "urn:ietf:params:scim:schemas:core:2.0:User" }, userName = email, active = true }, new MediaTypeHeaderValue("application/scim+json"));
            (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        await page.GotoAsync(acme + "/admin/scim");
        await Assertions.Expect(page.Locator("section[aria-labelledby=log-heading] tbody tr")).Not.ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "14-tenant-scim");

        // Usage counts the key's request.
        await page.GetByRole(AriaRole.Link, new() { Name = "Plan & usage" }).ClickAsync();
        (await ApiRequestsUsedAsync(page)).Should().BeGreaterThan(requestsBefore);

        // Audit: an entry for every action above, filterable, and the CSV of this tenant.
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        foreach (var action in new[] { "console.signed_in", "invitation.sent", "apikey.created", "apikey.revoked", "scim.token_issued" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = action, Exact = true }).First).ToBeVisibleAsync();
        }

        await page.GetByLabel("Action").FillAsync("apikey.revoked");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "apikey.created", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "apikey.revoked", Exact = true }).First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "15-tenant-audit");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#csv-link").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        csv.Should().Contain("apikey.revoked").And.NotContain("apikey.created").And.NotContain("t-globex");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_alone_signs_in_and_reaches_every_form_and_every_control_is_labelled()
    {
        var acme = _host.Tenant("acme");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(acme + "/admin/signin");
        (await FocusedIdAsync(page)).Should().Be("email", "the sign-in form takes the focus");
        await page.Keyboard.TypeAsync(DemoUsers.AcmeOwner.Email);
        await page.Keyboard.PressAsync("Tab");
        (await FocusedIdAsync(page)).Should().Be("password");
        await page.Keyboard.TypeAsync(DemoUsers.AcmeOwner.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/admin/usage");

        foreach (var (path, firstField) in new[] { ("/admin/members", "invite-email"), ("/admin/api-keys", "key-name"), ("/admin/scim", "token-description"), ("/admin/audit", "f-action") })
        {
            await page.GotoAsync(acme + path);
            (await page.Locator("h1").CountAsync()).Should().Be(1, $"{path} has one main heading");
            (await page.EvaluateAsync<int>("""
                () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                      .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label') && !e.closest('label')).length
                """)).Should().Be(0, $"every control of {path} has a label");

            await page.Keyboard.PressAsync("Tab");
            (await FocusedTextAsync(page)).Should().Be("Skip to content", "the first stop skips the navigation");
            var reached = false;
            for (var i = 0; i < 60 && !reached; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                reached = await FocusedIdAsync(page) == firstField;
            }

            reached.Should().BeTrue($"Tab reaches #{firstField} on {path}");
        }

        await BrowserFixture.ScreenshotAsync(page, "16-tenant-audit-keyboard");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/signin");
        await page.GotoAsync(acme + "/admin/members");
        page.Url.Should().StartWith(acme + "/admin/signin", "the session ended");
        await page.Context.CloseAsync();
    }

    private static async Task<long> ApiRequestsUsedAsync(IPage page)
    {
        var cell = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "api-requests" }).Locator("td").Nth(1);
        return long.Parse((await cell.InnerTextAsync()).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    private async Task<string> TenantOfKeyAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_host.Root + "/tenant"));
        request.Headers.TryAddWithoutValidation("Authorization", "ApiKey " + token);
        using var response = await client.SendAsync(request);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!
            : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
    }

    private static Task<string> FocusedIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");

    private static Task<string> FocusedTextAsync(IPage page) => page.EvaluateAsync<string>("() => (document.activeElement?.textContent ?? '').trim()");
}

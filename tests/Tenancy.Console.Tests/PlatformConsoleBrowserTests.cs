using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Tenancy.Console.Tests;

/// <summary>The platform console (root host) in headless Chromium: sign in, list and search, onboard, suspend, export, offboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PlatformConsoleBrowserTests(BrowserFixture fixture)
{
    private readonly ConsoleHost _host = fixture.Host;

    [Fact]
    public async Task Operator_signs_in_onboards_a_tenant_suspends_reactivates_and_downloads_its_export()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(_host.Root + "/admin");
        page.Url.Should().StartWith(_host.Root + "/admin/signin", "the console needs a session");
        await BrowserFixture.ScreenshotAsync(page, "01-platform-signin");
        await SignInAsync(page, DemoUsers.PlatformAdmin);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tenants", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Acme Ltd" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "02-platform-tenants");
        await page.GetByLabel("Search by id, identifier or name").FillAsync("glob");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Globex Corporation" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Acme Ltd" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Onboard a tenant" }).First.ClickAsync();
        await page.GetByLabel("Tenant id").FillAsync("t-browserco");
        await page.GetByLabel("Identifier (subdomain)").FillAsync("browserco");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Browser Co");
        await page.GetByLabel("Plan").SelectOptionAsync("pro");
        await page.GetByLabel("First owner (user id)").FillAsync("ada");
        await page.GetByLabel("Owner's e-mail").FillAsync("ada@acme.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Onboard" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Onboarded t-browserco" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "03-platform-onboard");

        await page.GetByRole(AriaRole.Link, new() { Name = "Open t-browserco" }).ClickAsync();
        await Assertions.Expect(page.Locator("#tenant-status")).ToHaveTextAsync("Active");
        await BrowserFixture.ScreenshotAsync(page, "04-platform-tenant-detail");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
        await Assertions.Expect(page.Locator("#tenant-status")).ToHaveTextAsync("Suspended");
        using (var client = _host.CreateLoopbackClient())
        {
            (await client.GetAsync(new Uri(_host.Tenant("browserco") + "/tenant"))).StatusCode.Should().Be(HttpStatusCode.Locked, "a suspended tenant is refused");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Reactivate" }).ClickAsync();
        await Assertions.Expect(page.Locator("#tenant-status")).ToHaveTextAsync("Active");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-link").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".zip");
        await download.SaveAsAsync(path);
        using (var zip = ZipFile.OpenRead(path))
        {
            zip.Entries.Select(e => e.FullName).Should().Contain("manifest.json");
        }

        File.Delete(path);

        // The new tenant's owner signs in to its own console on its subdomain and sees the platform's changes audited.
        var owner = await fixture.NewPageAsync();
        await owner.GotoAsync(_host.Tenant("browserco") + "/admin/audit");
        await SignInAsync(owner, DemoUsers.AcmeOwner);
        await owner.GotoAsync(_host.Tenant("browserco") + "/admin/audit");
        await Assertions.Expect(owner.GetByRole(AriaRole.Cell, new() { Name = "tenant.suspended", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Cell, new() { Name = "tenant.reactivated", Exact = true })).ToBeVisibleAsync();
        await owner.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Offboarding_shows_its_steps_as_they_finish_and_offers_the_archive()
    {
        using (var client = _host.CreateLoopbackClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_host.Root + "/platform/tenants"))
            {
                Content = JsonContent.Create(new { id = "t-leaving", identifier = "leaving", name = "Leaving Ltd", ownerUserId = "ada" }),
            };
            request.Headers.Add("X-Platform-Key", "dev-platform-key-change-me");
            (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var page = await fixture.NewPageAsync();
        await page.GotoAsync(_host.Root + "/admin/tenants/t-leaving");
        await SignInAsync(page, DemoUsers.PlatformAdmin);
        await page.GotoAsync(_host.Root + "/admin/tenants/t-leaving");
        await page.GetByRole(AriaRole.Button, new() { Name = "Offboard t-leaving" }).ClickAsync(); // unconfirmed: refused
        (await page.Locator("#confirm:invalid").CountAsync()).Should().Be(1, "the confirmation is required");
        await page.GetByLabel("Type the tenant id to confirm").FillAsync("t-leaving");
        await page.GetByLabel("Remove the tenant at the end (else it stays, archived)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Offboard t-leaving" }).ClickAsync();

        await page.WaitForURLAsync("**/admin/tenants/t-leaving/offboarding");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Finished" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#offboarding-steps li")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#offboarding-steps")).ToContainTextAsync("Suspend tenant 't-leaving'");
        await BrowserFixture.ScreenshotAsync(page, "05-platform-offboarding");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#archive-link").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".zip");
        await download.SaveAsAsync(path);
        using (var zip = ZipFile.OpenRead(path))
        {
            zip.Entries.Select(e => e.FullName).Should().Contain(["manifest.json", "members/members.json"]);
        }

        File.Delete(path);
        var gone = await page.GotoAsync(_host.Root + "/admin/tenants/t-leaving");
        gone!.Status.Should().Be(404, "the tenant was removed");
        await page.Context.CloseAsync();
    }

    internal static async Task SignInAsync(IPage page, (string Email, string Password) user)
    {
        await page.GetByLabel("E-mail").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/admin/signin", StringComparison.Ordinal));
    }
}

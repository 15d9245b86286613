using Microsoft.Playwright;

namespace Tenancy.Console.Tests;

/// <summary>
/// One sample host on Kestrel and one headless Chromium (Debian's <c>/usr/bin/chromium</c>, driven by Playwright) for a
/// whole collection of browser tests; each test opens its own browser context (fresh cookies). Fails — never skips —
/// when Chromium is not installed.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where Debian installs Chromium (<c>apt-get install chromium</c>; ./eng/test.sh does it when missing).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public ConsoleHost Host { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: start the tests with ./eng/test.sh (it installs Debian's chromium), or run apt-get install -y chromium.");
        }

        _playwright = await Playwright.CreateAsync();
        // Playwright gives every launch a fresh temporary profile (user-data dir) and deletes it on close.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
            Timeout = 60_000,
        });
    }

    /// <summary>A new browser context (its own cookies) with a desktop viewport.</summary>
    /// <returns>A page in it.</returns>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Saves a full-page screenshot as <c>artifacts/screenshots/{name}.png</c>.</summary>
    /// <param name="page">The page.</param>
    /// <param name="name">The file name without extension.</param>
    /// <returns>A task.</returns>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}

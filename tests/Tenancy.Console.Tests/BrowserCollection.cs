namespace Tenancy.Console.Tests;

/// <summary>The browser tests share one host and one Chromium (CI has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

using System.Security.Claims;
using Microsoft.Extensions.Primitives;
using Tenancy.Resolution;

namespace Tenancy.Core.Tests.Support;

/// <summary>Tenants and requests shared by the tests.</summary>
internal static class Tenants
{
    public static TenantInfo Acme { get; } = new("t-acme", "acme", "Acme Ltd") { Domains = ["acme.com"], Plan = "pro" };

    public static TenantInfo Globex { get; } = new("t-globex", "globex", "Globex") { Domains = ["globex.io"] };

    public static TenantInfo Initech { get; } = new("t-initech", "initech", "Initech") { Status = TenantStatus.Suspended };

    public static TenantInfo Umbrella { get; } = new("t-umbrella", "umbrella", "Umbrella") { Status = TenantStatus.Archived };

    public static TenantInfo Hooli { get; } = new("t-hooli", "hooli", "Hooli") { Status = TenantStatus.Pending };

    public static TenantInfo[] All => [Acme, Globex, Initech, Umbrella, Hooli];

    public static TenantInfo Numbered(int i) => new($"t-{i:D4}", $"tenant{i}", $"Tenant {i}");

    public static TenantRequestView Request(
        string host = "",
        string path = "",
        (string Name, StringValues Value)[]? headers = null,
        (string Name, StringValues Value)[]? query = null,
        ClaimsPrincipal? user = null)
    {
        var h = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers ?? [])
        {
            h[name] = value;
        }

        var q = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (name, value) in query ?? [])
        {
            q[name] = value;
        }

        return new TenantRequest { Host = host, Path = path, Headers = h, Query = q, User = user }.ToView();
    }

    public static TenantRequestView Header(StringValues value, string name = "X-Tenant") => Request(headers: [(name, value)]);

    public static ClaimsPrincipal User(string? tid, bool authenticated = true, string claimType = "tid")
    {
        var claims = new List<Claim> { new("sub", "user-1") };
        if (tid is not null)
        {
            claims.Add(new Claim(claimType, tid));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticated ? "Bearer" : null));
    }

    /// <summary>Hostile or odd strings that must never make resolution throw.</summary>
    public static TheoryData<string> HostileValues() =>
    [
        "",
        " ",
        new string('a', 100_000),
        "acme\r\nX-Injected: 1",
        "acme\0",
        "ac\tme",
        "..",
        "../acme",
        "acme/../globex",
        "ácme",
        "аcme", // Cyrillic 'а'
        "acme\u200b",
        "😀",
        "acme' OR '1'='1",
        "<script>alert(1)</script>",
        "%2e%2e",
        "acme;DROP TABLE tenants",
        "\u202eemca",
        "-acme",
        "acme-",
        "www",
    ];
}

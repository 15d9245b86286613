using Microsoft.AspNetCore.TestHost;
using Tenancy.AspNetCore.Tests.Infrastructure;

namespace Tenancy.AspNetCore.Tests;

/// <summary>
/// Hostile hosts, headers, paths and queries get a 4xx problem, never a 500, never an exception, and never see their
/// input echoed back. Requests are built on the HttpContext directly so that no client-side validation filters them.
/// </summary>
public sealed class BadInputTests
{
    public static TheoryData<string> HostileValues => new()
    {
        string.Empty,
        "   ",
        new string('a', 10_000),
        new string('a', 64),
        "ａｃｍｅ",
        "acmé",
        "\u0430cme",
        "ac\u0000me",
        "acme\r\nX-Injected: 1",
        "acme\t",
        "\u202Eemca",
        "..",
        "../globex",
        "acme/../globex",
        "%2e%2e",
        "' OR 1=1 --",
        "acme'; DROP TABLE tenants;--",
        "<script>alert(1)</script>",
        "{{7*7}}",
        "${jndi:ldap://x}",
        "acme,globex",
        "www",
        "-acme",
        "acme.",
        "\uD800",
    };

    [Theory]
    [MemberData(nameof(HostileValues))]
    public Task Hostile_header_is_answered_4xx_without_an_exception(string value) =>
        AssertRejectedAsync(t => t.FromHeader("X-Tenant"), r => r.Headers["X-Tenant"] = value, value);

    [Theory]
    [MemberData(nameof(HostileValues))]
    public Task Hostile_host_is_answered_4xx_without_an_exception(string value) =>
        AssertRejectedAsync(t => t.FromHost("{tenant}.example.com"), r => r.Headers.Host = value + ".example.com", value);

    [Theory]
    [MemberData(nameof(HostileValues))]
    public Task Hostile_bare_host_is_answered_4xx_without_an_exception(string value) =>
        AssertRejectedAsync(t => t.FromHost("{tenant}.example.com"), r => r.Headers.Host = value, value);

    [Theory]
    [MemberData(nameof(HostileValues))]
    public Task Hostile_path_segment_or_query_is_answered_4xx_without_an_exception(string value) =>
        AssertRejectedAsync(
            t => t.FromPath().FromQuery("tenant"),
            r =>
            {
                r.Path = "/" + value + "/whoami";
                r.QueryString = QueryString.Create("tenant", value);
            },
            value,
            requireProblem: !value.StartsWith("acme/", StringComparison.Ordinal)); // "/acme/../globex/whoami" names acme, then matches no route: a plain 404.

    [Fact]
    public async Task Repeated_tenant_header_is_answered_400()
    {
        await using var app = await TestApp.StartAsync(t => t.FromHeader("X-Tenant"));

        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Path = "/whoami";
            c.Request.Headers["X-Tenant"] = new Microsoft.Extensions.Primitives.StringValues(["acme", "globex"]);
        });

        context.Response.StatusCode.Should().Be(StatusCodes.Status400BadRequest);
    }

    [Fact]
    public async Task Claim_with_two_different_tenants_is_answered_400()
    {
        await using var app = await TestApp.StartAsync(t => t.FromClaim("tid"));

        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Path = "/whoami";
            c.Request.Headers[TestAuthHandler.TenantHeader] = new Microsoft.Extensions.Primitives.StringValues([Tenants.Acme.Id, Tenants.Globex.Id]);
        });

        context.Response.StatusCode.Should().Be(StatusCodes.Status400BadRequest);
    }

    /// <summary>Sends a request built on the HttpContext (headers are set raw, as a server receives them) and checks the rejection.</summary>
    private static async Task AssertRejectedAsync(Action<TenancyBuilder> tenancy, Action<HttpRequest> build, string value, bool requireProblem = true)
    {
        await using var app = await TestApp.StartAsync(tenancy);
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Path = "/whoami";
            build(c.Request);
        });

        context.Response.StatusCode.Should().BeInRange(400, 499);
        using var reader = new StreamReader(context.Response.Body);
        var body = await reader.ReadToEndAsync();
        if (requireProblem)
        {
            context.Response.ContentType.Should().Be("application/problem+json");
        }

        if (value.Trim().Length > 2)
        {
            body.Should().NotContain(value.Trim(), "problem bodies never echo request input");
        }

        body.Should().NotContain("<script>").And.NotContain("DROP TABLE");
        app.Logs.Errors.Should().BeEmpty();
    }
}

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
    public async Task Hostile_header_is_answered_4xx_without_an_exception(string value)
    {
        await using var app = await TestApp.StartAsync(t => t.FromHeader("X-Tenant"));

        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Path = "/whoami";
            c.Request.Headers["X-Tenant"] = value;
        });

        await AssertRejectedAsync(app, context, value);
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Hostile_host_is_answered_4xx_without_an_exception(string value)
    {
        await using var app = await TestApp.StartAsync(t => t.FromHost("{tenant}.example.com"));

        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Path = "/whoami";
            c.Request.Headers.Host = value + ".example.com"; // raw, as a server receives it
        });

        await AssertRejectedAsync(app, context, value);
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Hostile_bare_host_is_answered_4xx_without_an_exception(string value)
    {
        await using var app = await TestApp.StartAsync(t => t.FromHost("{tenant}.example.com"));

        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Path = "/whoami";
            c.Request.Headers.Host = value;
        });

        await AssertRejectedAsync(app, context, value);
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Hostile_path_segment_or_query_is_answered_4xx_without_an_exception(string value)
    {
        await using var app = await TestApp.StartAsync(t => t.FromPath().FromQuery("tenant"));

        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Path = "/" + value + "/whoami";
            c.Request.QueryString = QueryString.Create("tenant", value);
        });

        // "/acme/../globex/whoami" names acme and then matches no route of acme's: a plain 404 from routing.
        await AssertRejectedAsync(app, context, value, requireProblem: !value.StartsWith("acme/", StringComparison.Ordinal));
    }

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

    private static async Task AssertRejectedAsync(TestApp app, HttpContext context, string value, bool requireProblem = true)
    {
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

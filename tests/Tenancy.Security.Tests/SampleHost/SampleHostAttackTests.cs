using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tenancy.Security.Tests.SampleHost;

/// <summary>
/// Attacks on the sample host's secure defaults: naming a tenant is not being its member, broken credentials do not
/// degrade to anonymous header resolution, sources that disagree are refused, ids reveal nothing about other tenants.
/// </summary>
public sealed class SampleHostAttackTests : IClassFixture<SampleHostFactory>
{
    private readonly SampleHostFactory _factory;

    public SampleHostAttackTests(SampleHostFactory factory) => _factory = factory;

    [Fact]
    public async Task Anonymous_caller_naming_a_tenant_in_a_header_can_neither_read_nor_write_its_data()
    {
        using var attacker = _factory.Client(("X-Tenant", "acme"));
        using var member = _factory.Client(("Authorization", "Demo alice@t-acme"));
        var name = "planted-" + Guid.NewGuid().ToString("N");

        (await attacker.PostAsJsonAsync(new Uri("/projects", UriKind.Relative), new { name })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using (var body = new StringContent("<script>planted</script>"))
        {
            (await attacker.PutAsync(new Uri($"/files/{name}.html", UriKind.Relative), body)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        (await attacker.GetAsync(new Uri("/projects", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await attacker.GetAsync(new Uri("/files", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await attacker.PostAsync(new Uri($"/files-presign/{name}.html?method=PUT", UriKind.Relative), null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await member.GetStringAsync(new Uri("/projects", UriKind.Relative))).Should().NotContain(name, "the refused write left nothing behind");
        (await member.GetAsync(new Uri($"/files/{name}.html", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.e30.")]
    [InlineData("Demo mallory")]
    [InlineData("Demo mallory@t-doesnotexist")]
    [InlineData("Demo mallory@T-ACME")]
    [InlineData("Demo mallory@t-acme\u0000")]
    [InlineData("Demo mallory@t-acme, Demo eve@t-globex")]
    [InlineData("demo")]
    public async Task Broken_credentials_are_refused_instead_of_degrading_to_the_header(string authorization)
    {
        using var client = _factory.Client(("Authorization", authorization), ("X-Tenant", "acme"));

        foreach (var url in new[] { "/tenant", "/projects", "/files" })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, url);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }
    }

    [Theory]
    [InlineData("X-Tenant", "globex", "http://localhost")]
    [InlineData(null, null, "http://globex.localhost")]
    public async Task Member_of_one_tenant_cannot_reach_another_by_naming_it(string? header, string? value, string baseAddress)
    {
        using var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress) });
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Demo alice@t-acme");
        if (header is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);
        }

        foreach (var url in new[] { "/tenant", "/projects", "/files" })
        {
            (await client.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden, url);
        }
    }

    [Fact]
    public async Task Host_and_header_that_name_different_tenants_are_refused_not_settled_by_order()
    {
        using var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://acme.localhost") });
        client.DefaultRequestHeaders.Add("X-Tenant", "globex");

        using var response = await client.GetAsync(new Uri("/tenant", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().Should().Be("urn:tenancy:problem:tenant-conflict");
    }

    [Fact]
    public async Task Host_and_header_that_name_the_same_tenant_differently_agree()
    {
        using var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://ACME.localhost") });
        client.DefaultRequestHeaders.Add("X-Tenant", "Acme");

        (await client.GetFromJsonAsync<JsonElement>(new Uri("/tenant", UriKind.Relative))).GetProperty("id").GetString().Should().Be("t-acme");
    }

    [Fact]
    public async Task Project_ids_do_not_reveal_how_many_projects_other_tenants_create()
    {
        using var acme = _factory.Client(("Authorization", "Demo alice@t-acme"));
        using var globex = _factory.Client(("Authorization", "Demo bob@t-globex"));

        async Task<string> CreateAsync(HttpClient client)
        {
            using var response = await client.PostAsJsonAsync(new Uri("/projects", UriKind.Relative), new { name = "p-" + Guid.NewGuid().ToString("N") });
            response.StatusCode.Should().Be(HttpStatusCode.Created);
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id");
            id.ValueKind.Should().Be(JsonValueKind.String, "a number would be a sequence");
            return id.GetString()!;
        }

        var before = await CreateAsync(acme);
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(globex);
        }

        var after = await CreateAsync(acme);

        Guid.TryParse(before, out var b).Should().BeTrue();
        Guid.TryParse(after, out var a).Should().BeTrue();
        a.Version.Should().Be(4, "random ids carry neither a count nor a time");
        b.Version.Should().Be(4);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Testing.Hosting;

namespace Tenancy.Sample.Host.Tests;

/// <summary>The sample host on its embedded defaults (SQLite, local disk), end to end through the test server.</summary>
public sealed class SampleHostTests : IClassFixture<SampleHostTests.SampleFactory>
{
    private readonly SampleFactory _factory;

    public SampleHostTests(SampleFactory factory) => _factory = factory;

    [Theory]
    [InlineData("X-Tenant", "acme", "t-acme")]
    [InlineData("X-Tenant", "globex", "t-globex")]
    [InlineData("Authorization", "Demo alice@t-globex", "t-globex")]
    public async Task Tenant_endpoint_reports_the_tenant_the_request_names(string header, string value, string expectedId)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tenant");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("id").GetString().Should().Be(expectedId);
    }

    [Fact]
    public async Task Subdomain_names_the_tenant()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://acme.localhost") });
        var body = await client.GetFromJsonAsync<JsonElement>("/tenant");
        body.GetProperty("identifier").GetString().Should().Be("acme");
    }

    [Theory]
    [InlineData("initech", HttpStatusCode.Locked)]
    [InlineData("nobody", HttpStatusCode.NotFound)]
    [InlineData("../acme", HttpStatusCode.BadRequest)]
    public async Task Unusable_tenants_get_problem_details(string tenant, HttpStatusCode expected)
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Tenant", tenant);

        using var response = await client.GetAsync(new Uri("/tenant", UriKind.Relative));

        response.StatusCode.Should().Be(expected);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Header_cannot_override_the_authenticated_tenant()
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Tenant", "acme");
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Demo mallory@t-globex");

        using var response = await client.GetAsync(new Uri("/tenant", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Projects_and_files_of_one_tenant_are_invisible_to_another()
    {
        using var acme = _factory.CreateClient();
        acme.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Demo alice@t-acme");
        using var globex = _factory.CreateClient();
        globex.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Demo bob@t-globex");
        var name = "secret-" + Guid.NewGuid().ToString("N");

        (await acme.PostAsJsonAsync(new Uri("/projects", UriKind.Relative), new { name })).StatusCode.Should().Be(HttpStatusCode.Created);
        using (var content = new StringContent("acme only"))
        {
            (await acme.PutAsync(new Uri($"/files/{name}.txt", UriKind.Relative), content)).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        (await acme.GetStringAsync(new Uri("/projects", UriKind.Relative))).Should().Contain(name);
        (await globex.GetStringAsync(new Uri("/projects", UriKind.Relative))).Should().NotContain(name);
        (await globex.GetAsync(new Uri($"/files/{name}.txt", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await globex.GetStringAsync(new Uri("/files", UriKind.Relative))).Should().NotContain(name);
        (await acme.GetStringAsync(new Uri($"/files/{name}.txt", UriKind.Relative))).Should().Be("acme only");
    }

    [Theory]
    [InlineData("GET", "/projects")]
    [InlineData("POST", "/projects")]
    [InlineData("GET", "/files")]
    [InlineData("GET", "/files/hello.txt")]
    [InlineData("PUT", "/files/hello.txt")]
    [InlineData("DELETE", "/files/hello.txt")]
    [InlineData("POST", "/files-presign/hello.txt")]
    public async Task Tenant_data_needs_a_signed_in_member_not_just_a_header(string method, string url)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = method is "POST" or "PUT" ? JsonContent.Create(new { name = "x" }) : null };
        request.Headers.Add("X-Tenant", "acme");

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.WwwAuthenticate.ToString().Should().Be("Demo");
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("Basic YWxhZGRpbjpvcGVuc2VzYW1l")]
    [InlineData("Demo")]
    [InlineData("Demo ")]
    [InlineData("Demo alice")]
    [InlineData("Demo @t-acme")]
    [InlineData("Demo alice@")]
    [InlineData("Demo alice@t-nobody")]
    [InlineData("Demo alice@../t-acme")]
    [InlineData("Demo al ice@t-acme")]
    [InlineData("Demo alice@t-acme extra")]
    [InlineData("Demoalice@t-acme")]
    [InlineData("garbage")]
    [InlineData(" ")]
    public async Task Malformed_credentials_are_401_and_never_fall_back_to_the_header(string authorization)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tenant");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.Add("X-Tenant", "acme");

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("t-acme").And.NotContain("Acme Ltd");
    }

    [Fact]
    public async Task Project_ids_are_random_not_a_sequence_shared_by_tenants()
    {
        using var acme = _factory.CreateClient();
        acme.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Demo alice@t-acme");
        using var globex = _factory.CreateClient();
        globex.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Demo bob@t-globex");

        async Task<Guid> CreateAsync(HttpClient client)
        {
            using var response = await client.PostAsJsonAsync(new Uri("/projects", UriKind.Relative), new { name = "p-" + Guid.NewGuid().ToString("N") });
            response.StatusCode.Should().Be(HttpStatusCode.Created);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        var first = await CreateAsync(acme);
        var other = await CreateAsync(globex);
        var second = await CreateAsync(acme);

        new[] { first, other, second }.Should().OnlyHaveUniqueItems();
        (await acme.GetAsync(new Uri($"/projects/{other}/notes", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Health_and_home_need_no_tenant()
    {
        using var client = _factory.CreateClient();
        (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Billing_overrides_are_kept_in_the_sample_database_as_their_tenants_rows()
    {
        var services = _factory.Services;
        var overrides = services.GetRequiredService<Tenancy.Billing.Overrides.IPlanOverrideStore>();
        await overrides.SetAsync(new Tenancy.Billing.Overrides.PlanOverride("t-acme", "projects", 50, DateTimeOffset.UtcNow.AddDays(7), "pilot", "ops@example.com"));

        var current = services.GetRequiredService<ICurrentTenant>();
        var tenants = services.GetRequiredService<Tenancy.Stores.ITenantStore>();
        foreach (var (id, expected) in new[] { ("t-acme", 1L), ("t-globex", 0L) })
        {
            await using var scope = services.CreateAsyncScope();
            using (current.Begin(await tenants.FindByIdAsync(id)))
            {
                var db = scope.ServiceProvider.GetRequiredService<Tenancy.Sample.Host.Data.SampleDb>();
#pragma warning disable EF1002 // the table name is a constant
                var rows = await db.Database.SqlQueryRaw<long>($"SELECT count(*) AS \"Value\" FROM {Microsoft.EntityFrameworkCore.BillingStoreModelBuilderExtensions.OverridesTable} WHERE \"TenantId\" = 't-acme'").SingleAsync();
#pragma warning restore EF1002
                (await overrides.ListAsync("t-acme")).Should().HaveCount((int)expected, $"{id} sees only its own overrides");
                rows.Should().Be(1, "the override is a row in the sample's database");
            }
        }
    }

    /// <summary>Runs the sample with its own appsettings.json but a throw-away content root for App_Data.</summary>
    public sealed class SampleFactory : WebApplicationFactory<Program>
    {
        private readonly SampleContentRoot _root = new("tenancy-sample-");

        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseContentRoot(_root.Path);

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            _root.Dispose();
        }
    }
}

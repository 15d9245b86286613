using System.Net;
using FluentAssertions;
using Xunit;

namespace Tenancy.Docs.Tests;

public sealed class QuickStartTests
{
    [Fact]
    public async Task The_readme_quick_start_answers_with_the_named_tenant_and_refuses_unknown_or_missing_tenants()
    {
        QuickStartHost.Reset();
        var run = Task.Run(() => Snippets.Readme.Snippet.Block1Async([]));
        var services = await QuickStartHost.Started.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            using var client = QuickStartHost.Server(services).CreateClient();

            var acme = await client.GetAsync(new Uri("http://acme.example.com/whoami"));
            acme.StatusCode.Should().Be(HttpStatusCode.OK);
            (await acme.Content.ReadAsStringAsync()).Should().Be("Acme Ltd");

            var unknown = await client.GetAsync(new Uri("http://nobody.example.com/whoami"));
            unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
            unknown.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

            using var byHeader = new HttpRequestMessage(HttpMethod.Get, new Uri("http://localhost/whoami"));
            byHeader.Headers.Add("X-Tenant", "acme");
            var header = await client.SendAsync(byHeader);
            (await header.Content.ReadAsStringAsync()).Should().Be("Acme Ltd");

            var none = await client.GetAsync(new Uri("http://localhost/whoami"));
            none.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await none.Content.ReadAsStringAsync()).Should().Contain("urn:tenancy:problem:tenant-required");
        }
        finally
        {
            services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}

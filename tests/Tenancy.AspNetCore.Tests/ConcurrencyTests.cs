using Tenancy.AspNetCore.Tests.Infrastructure;

namespace Tenancy.AspNetCore.Tests;

/// <summary>Many parallel requests for different tenants never see each other's tenant.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Hundreds_of_parallel_requests_each_see_only_their_own_tenant()
    {
        await using var app = await TestApp.StartAsync(
            t => t.FromHost("{tenant}.example.com").FromHeader("X-Tenant"),
            endpoints: a => a.MapGet("/slow", async (ICurrentTenant current) =>
            {
                var first = current.Id;
                await Task.Delay(Random.Shared.Next(0, 5));
                await Task.Yield();
                return $"{first}|{current.Id}";
            }));
        var tenants = Tenants.Many(20).ToArray();

        var requests = Enumerable.Range(0, 400).Select(async i =>
        {
            var tenant = tenants[i % tenants.Length];
            using var request = new HttpRequestMessage(HttpMethod.Get, "/slow");
            if (i % 2 == 0)
            {
                request.Headers.Add("X-Tenant", tenant.Identifier);
            }
            else
            {
                request.Headers.Host = $"{tenant.Identifier}.example.com";
            }

            using var response = await app.Client.SendAsync(request);
            return (Expected: tenant.Id, Body: await response.Content.ReadAsStringAsync());
        });

        var results = await Task.WhenAll(requests);

        results.Should().OnlyContain(r => r.Body == $"{r.Expected}|{r.Expected}");
    }
}

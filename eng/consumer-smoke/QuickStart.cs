using Tenancy;

namespace Tenancy.ConsumerSmoke;

/// <summary>The root README's quick start, as printed, served on a loopback port and asked over real HTTP.</summary>
internal static class QuickStart
{
    public static async Task RunAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // --- README quick start ---
        builder.Services.AddTenancy(t => t
            .FromHost("{tenant}.example.com")   // acme.example.com → tenant "acme"; custom domains too
            .FromClaim("tid")                   // the authenticated tenant always wins
            .FromHeader("X-Tenant")             // must agree with the claim, or 403
            .WithInMemoryStore(new TenantInfo("t-acme", "acme", "Acme Ltd")));

        var app = builder.Build();
        app.UseTenancy();
        app.MapGet("/whoami", (ICurrentTenant tenant) => tenant.GetRequiredTenant().Name);
        // --- end of the quick start (app.Run() replaced by a start/stop around real requests) ---

        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            using var byHost = new HttpRequestMessage(HttpMethod.Get, "/whoami");
            byHost.Headers.Host = "acme.example.com";
            using var hostAnswer = await http.SendAsync(byHost);
            Expect((int)hostAnswer.StatusCode == 200 && await hostAnswer.Content.ReadAsStringAsync() == "Acme Ltd",
                $"host: {(int)hostAnswer.StatusCode}");

            using var byHeader = new HttpRequestMessage(HttpMethod.Get, "/whoami");
            byHeader.Headers.Add("X-Tenant", "acme");
            using var headerAnswer = await http.SendAsync(byHeader);
            Expect((int)headerAnswer.StatusCode == 200, $"header: {(int)headerAnswer.StatusCode}");

            using var unknown = new HttpRequestMessage(HttpMethod.Get, "/whoami");
            unknown.Headers.Add("X-Tenant", "nobody");
            using var unknownAnswer = await http.SendAsync(unknown);
            Expect((int)unknownAnswer.StatusCode == 404
                   && unknownAnswer.Content.Headers.ContentType?.MediaType == "application/problem+json",
                $"unknown tenant: {(int)unknownAnswer.StatusCode}");
        }
        finally
        {
            await app.StopAsync();
        }
    }

    internal static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("consumer smoke check failed: " + what);
        }
    }
}

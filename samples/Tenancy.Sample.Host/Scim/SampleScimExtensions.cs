using Microsoft.EntityFrameworkCore;
using Tenancy.Scim.Credentials;
using Tenancy.Stores;

namespace Tenancy.Sample.Host.Scim;

/// <summary>
/// Wires SCIM into the sample: <c>builder.AddSampleScim()</c> and <c>app.MapSampleScim()</c> mount <c>/scim/v2</c> on
/// SQLite (App_Data/scim.db). <c>dotnet run --project samples/Tenancy.Sample.Host -- scim-token &lt;tenant identifier&gt;</c>
/// issues a SCIM token for a tenant in that database, prints only the token and exits.
/// </summary>
public static class SampleScimExtensions
{
    private const string Command = "scim-token";

    /// <summary>Registers the SCIM server on the sample's SQLite SCIM database.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddSampleScim(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var folder = Path.Combine(builder.Environment.ContentRootPath, "App_Data");
        Directory.CreateDirectory(folder);
        var connectionString = builder.Configuration.GetConnectionString("Scim") ?? $"Data Source={Path.Combine(folder, "scim.db")}";
        builder.Services.AddTenancy()
            .AddTenantDbContext<SampleScimDb>((_, options) => options.UseSqlite(connectionString))
            .AddTenancyScim(scim => scim.UseEntityFrameworkStore<SampleScimDb>());
        return builder;
    }

    /// <summary>
    /// Creates the SCIM tables and maps <c>/scim/v2</c>. When the process was started with <c>scim-token &lt;tenant&gt;</c>,
    /// issues a token instead, writes it (and nothing else) to stdout and exits.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapSampleScim(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<SampleScimDb>().Database.EnsureCreated();
        }

        var args = Environment.GetCommandLineArgs();
        var at = Array.IndexOf(args, Command);
        if (at >= 0)
        {
            Environment.Exit(IssueTokenAsync(app.Services, args.Length > at + 1 ? args[at + 1] : null).GetAwaiter().GetResult());
        }

        app.MapScim("/scim/v2");
        return app;
    }

    private static async Task<int> IssueTokenAsync(IServiceProvider services, string? tenantKey)
    {
        if (string.IsNullOrWhiteSpace(tenantKey))
        {
            await System.Console.Error.WriteLineAsync($"usage: dotnet run --project samples/Tenancy.Sample.Host -- {Command} <tenant identifier>");
            return 2;
        }

        var tenants = services.GetRequiredService<ITenantStore>();
        var tenant = await tenants.FindByIdentifierAsync(tenantKey) ?? await tenants.FindByIdAsync(tenantKey);
        if (tenant is null)
        {
            await System.Console.Error.WriteLineAsync($"No tenant has the identifier '{tenantKey}'.");
            return 1;
        }

        var token = await services.GetRequiredService<IScimTokenService>().IssueAsync(tenant.Id, "issued by scim-token");
        await System.Console.Out.WriteLineAsync(token.Token);
        await System.Console.Out.FlushAsync();
        return 0;
    }
}

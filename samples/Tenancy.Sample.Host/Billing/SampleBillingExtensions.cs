using Microsoft.EntityFrameworkCore;
using Tenancy.Billing.Http;
using Tenancy.Billing.Quotas;
using Tenancy.Sample.Host.Auth;
using Tenancy.Sample.Host.Data;
using Tenancy.Storage;
using Tenancy.Storage.Usage;

namespace Tenancy.Sample.Host.Billing;

/// <summary>
/// Wires the sample's billing: <c>builder.AddSampleBilling()</c> and <c>app.MapSampleBilling()</c>. Plans <c>free</c> and
/// <c>pro</c> (appsettings.json, <c>Billing:Plans</c>) limit API requests per day (counted for every tenant request),
/// bytes stored (a gauge read from Tenancy.Storage) and projects (a gauge counted in the tenant's database).
/// <c>GET /usage</c> shows usage against the limits. Counters are in process unless <c>Sample:Billing:Redis</c> names a
/// Redis server; reports to Stripe, limit overrides and processed webhook ids are kept in <see cref="SampleDb"/>. Stripe is on when <c>Stripe:ApiKey</c> and <c>Stripe:WebhookSecret</c> are set (a test-mode key).
/// </summary>
public static class SampleBillingExtensions
{
    public static WebApplicationBuilder AddSampleBilling(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddTenancy().AddTenancyBilling(billing =>
        {
            billing.UsePlans(configuration.GetSection("Billing:Plans"))
                .AddGauge("storage-bytes", async (services, tenant, cancellationToken) =>
                    (await services.GetRequiredService<ITenantStorageUsage>().GetUsageAsync(tenant.Id, cancellationToken)).Bytes)
                .AddGauge("projects", async (services, tenant, cancellationToken) =>
                {
                    using var scope = services.CreateScope();
                    using var _ = services.GetRequiredService<ICurrentTenant>().Begin(tenant);
                    return await scope.ServiceProvider.GetRequiredService<SampleDb>().Projects.LongCountAsync(cancellationToken);
                })
                .UseEntityFrameworkStores<SampleDb>() // what was reported, overrides and webhook ids survive restarts
                .UseUsageSnapshots<SampleDb>(); // daily usage per meter (the admin console's chart)
            if (configuration["Sample:Billing:Redis"] is { Length: > 0 } redis)
            {
                billing.UseRedis(redis);
            }

            if (StripeEnabled(configuration))
            {
                billing.UseStripe(configuration.GetSection("Stripe"));
            }
        });
        return builder;
    }

    public static WebApplication MapSampleBilling(this WebApplication app)
    {
        app.UseMiddleware<SampleQuotaMiddleware>();
        app.MapGet("/usage", async (ICurrentTenant current, IQuotaGuard quotas, CancellationToken cancellationToken) =>
        {
            var tenant = current.GetRequiredTenant();
            var usage = await quotas.GetUsageAsync(tenant, cancellationToken);
            return Results.Ok(new { tenant = tenant.Identifier, plan = tenant.Plan, meters = usage });
        }).RequireTenant().RequireTenantMember(); // usage is tenant data: a signed-in member of the tenant only
        if (StripeEnabled(app.Configuration))
        {
            app.MapStripeWebhooks("/billing/stripe/webhook");
        }

        return app;
    }

    private static bool StripeEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Stripe:ApiKey"]) && !string.IsNullOrWhiteSpace(configuration["Stripe:WebhookSecret"]);
}

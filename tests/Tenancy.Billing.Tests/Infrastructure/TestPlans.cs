using Tenancy.Billing.Plans;

namespace Tenancy.Billing.Tests.Infrastructure;

/// <summary>The plan catalogue most tests use: free (hard limits) and pro (soft limits, unlimited reports).</summary>
public static class TestPlans
{
    public static void Configure(PlanCatalogOptions o)
    {
        o.Meters.Add(new MeterOptions { Name = "api-requests", StripeEventName = "api_requests" });
        o.Meters.Add(new MeterOptions { Name = "reports" });
        o.Meters.Add(new MeterOptions { Name = "monthly-exports" });
        o.Meters.Add(new MeterOptions { Name = "lifetime-imports" });
        o.Meters.Add(new MeterOptions { Name = "open-meter", WhenStoreUnavailable = StoreFailurePolicy.FailOpen });
        o.Meters.Add(new MeterOptions { Name = "storage-bytes", Kind = MeterKind.Gauge, GaugeCacheTtl = TimeSpan.FromMinutes(5) });
        o.Meters.Add(new MeterOptions { Name = "seats", Kind = MeterKind.Gauge });
        o.Plans.Add(new PlanOptions
        {
            Id = "free",
            DisplayName = "Free",
            Features = ["export"],
            StripePrice = "price_free",
            Limits =
            [
                new() { Meter = "api-requests", Limit = 100, Reset = ResetPeriod.Day },
                new() { Meter = "reports", Limit = 10, Reset = ResetPeriod.BillingCycle },
                new() { Meter = "monthly-exports", Limit = 5, Reset = ResetPeriod.Month },
                new() { Meter = "lifetime-imports", Limit = 3, Reset = ResetPeriod.Never },
                new() { Meter = "open-meter", Limit = 1_000_000, Reset = ResetPeriod.Day },
                new() { Meter = "storage-bytes", Limit = 1000 },
            ],
        });
        o.Plans.Add(new PlanOptions
        {
            Id = "pro",
            DisplayName = "Pro",
            Features = ["export", "sso"],
            StripePrice = "price_pro",
            Limits =
            [
                new() { Meter = "api-requests", Limit = 100, Kind = LimitKind.Soft, Ceiling = 150, Reset = ResetPeriod.Day, Included = 100, OveragePrice = "price_overage" },
                new() { Meter = "reports", Unlimited = true, Reset = ResetPeriod.BillingCycle },
                new() { Meter = "storage-bytes", Limit = 100_000 },
                new() { Meter = "seats", Limit = 10 },
            ],
        });
        o.DefaultPlan = "free";
    }
}

using Tenancy.Billing.Plans;

namespace Tenancy.Billing.Benchmarks;

/// <summary>One meter with a limit the benchmarks never reach, so every call is a granted check-and-increment.</summary>
public static class BenchmarkPlans
{
    public static readonly TenantInfo Tenant = new("t-bench", "bench", "Bench") { Plan = "bench" };

    public static void Configure(PlanCatalogOptions o)
    {
        o.Meters.Add(new MeterOptions { Name = "api" });
        o.Plans.Add(new PlanOptions
        {
            Id = "bench",
            DisplayName = "Bench",
            Limits = [new MeterLimitOptions { Meter = "api", Limit = 1_000_000_000_000_000, Reset = ResetPeriod.Day }],
        });
    }
}

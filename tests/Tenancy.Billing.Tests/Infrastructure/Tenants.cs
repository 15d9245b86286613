namespace Tenancy.Billing.Tests.Infrastructure;

/// <summary>Tenants the billing tests use.</summary>
public static class Tenants
{
    public static readonly TenantInfo Acme = new("t-acme", "acme", "Acme Ltd") { Plan = "free" };
    public static readonly TenantInfo Globex = new("t-globex", "globex", "Globex Corp") { Plan = "free" };
    public static readonly TenantInfo Pro = new("t-pro", "pro-co", "Pro Co") { Plan = "pro" };
    public static readonly TenantInfo NoPlan = new("t-noplan", "noplan", "No Plan");
    public static readonly TenantInfo BadPlan = new("t-badplan", "badplan", "Bad Plan") { Plan = "platinum" };

    public static TenantInfo[] All => [Acme, Globex, Pro, NoPlan, BadPlan];
}

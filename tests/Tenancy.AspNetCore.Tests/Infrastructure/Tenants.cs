namespace Tenancy.AspNetCore.Tests.Infrastructure;

/// <summary>The seeded tenants every test host starts with.</summary>
public static class Tenants
{
    public static readonly TenantInfo Acme = new("t-acme", "acme", "Acme Ltd") { Plan = "free", Domains = ["acme-corp.com"] };
    public static readonly TenantInfo Globex = new("t-globex", "globex", "Globex Corp") { Plan = "free", Domains = ["globex.io"] };
    public static readonly TenantInfo Initech = new("t-initech", "initech", "Initech") { Status = TenantStatus.Suspended };
    public static readonly TenantInfo Umbrella = new("t-umbrella", "umbrella", "Umbrella") { Status = TenantStatus.Archived };
    public static readonly TenantInfo Hooli = new("t-hooli", "hooli", "Hooli") { Status = TenantStatus.Pending };

    public static TenantInfo[] All => [Acme, Globex, Initech, Umbrella, Hooli, .. Many(20)];

    /// <summary>Active tenants <c>tenant-0</c> … for concurrency tests.</summary>
    public static IEnumerable<TenantInfo> Many(int count) =>
        Enumerable.Range(0, count).Select(i => new TenantInfo($"t-{i}", $"tenant-{i}", $"Tenant {i}"));
}

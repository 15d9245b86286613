namespace Tenancy.ScaleOut.Tests.Infrastructure;

internal static class Tenants
{
    public static TenantInfo Acme => new("t-acme", "acme", "Acme") { Domains = ["acme.test"], Plan = "pro" };

    public static TenantInfo Globex => new("t-globex", "globex", "Globex") { Domains = ["globex.test"] };

    public static TenantInfo[] All => [Acme, Globex];
}

namespace Tenancy.Platform.Tests.Infrastructure;

public static class Tenants
{
    public static readonly TenantInfo Acme = new("acme", "acme", "Acme");

    public static readonly TenantInfo Globex = new("globex", "globex", "Globex");

    public static readonly TenantInfo[] All = [Acme, Globex];
}

namespace Tenancy.EntityFramework.Tests;

public static class Tenants
{
    public static readonly TenantInfo Acme = new("acme", "acme", "Acme");

    public static readonly TenantInfo Globex = new("globex", "globex", "Globex");

    public static TenantScope Begin(TenantInfo? tenant) => AmbientCurrentTenant.Instance.Begin(tenant);
}

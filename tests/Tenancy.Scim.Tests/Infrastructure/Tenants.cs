namespace Tenancy.Scim.Tests.Infrastructure;

public static class Tenants
{
    public static TenantInfo Acme { get; } = new("t-acme", "acme", "Acme Ltd");

    public static TenantInfo Globex { get; } = new("t-globex", "globex", "Globex");

    public static TenantInfo Initech { get; } = new("t-initech", "initech", "Initech") { Status = TenantStatus.Suspended };
}

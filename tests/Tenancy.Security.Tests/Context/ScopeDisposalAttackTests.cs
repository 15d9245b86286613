namespace Tenancy.Security.Tests.Context;

/// <summary>Attacks on the ambient tenant context: a scope must only ever end itself.</summary>
public sealed class ScopeDisposalAttackTests
{
    private static readonly TenantInfo Acme = new("t-acme", "acme", "Acme");
    private static readonly TenantInfo Globex = new("t-globex", "globex", "Globex");

    [Fact]
    public void Nested_scope_restores_the_outer_tenant_on_dispose()
    {
        var current = new AmbientCurrentTenant();

        using (current.Begin(Acme))
        {
            using (current.Begin(Globex))
            {
                current.Tenant!.Id.Should().Be("t-globex");
            }

            current.Tenant!.Id.Should().Be("t-acme");
        }

        current.Tenant.Should().BeNull();
    }
}

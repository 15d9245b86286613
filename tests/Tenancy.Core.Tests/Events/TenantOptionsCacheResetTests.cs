using Tenancy.Core.Tests.Support;
using Tenancy.Events;

namespace Tenancy.Core.Tests.Events;

public sealed class TenantOptionsCacheResetTests
{
    [Fact]
    public void A_reset_drops_every_tenants_options_and_a_remote_change_drops_only_its_tenants()
    {
        var notifier = new TenantChangeNotifier();
        using var cache = new TenantOptionsCache<Settings>(AmbientCurrentTenant.Instance, notifier: notifier);
        using (AmbientCurrentTenant.Instance.Begin(Tenants.Acme))
        {
            cache.GetOrAdd(null, () => new Settings());
        }

        using (AmbientCurrentTenant.Instance.Begin(Tenants.Globex))
        {
            cache.GetOrAdd(null, () => new Settings());
        }

        notifier.Publish(new TenantChange(TenantChangeKind.Updated, Tenants.Acme.Id, null, null) { Origin = "other" });
        cache.Count.Should().Be(1);

        notifier.Publish(TenantChange.Reset("other"));
        cache.Count.Should().Be(0);
    }

    [Fact]
    public void Options_built_from_a_tenant_read_before_a_change_do_not_outlive_the_change()
    {
        var notifier = new TenantChangeNotifier();
        using var cache = new TenantOptionsCache<Plan>(AmbientCurrentTenant.Instance, notifier: notifier);
        var before = Tenants.Acme with { Plan = "pro" };
        var after = Tenants.Acme with { Plan = "enterprise" };
        using (AmbientCurrentTenant.Instance.Begin(before))
        {
            cache.GetOrAdd(null, () => new Plan(before.Plan)).Name.Should().Be("pro");
        }

        // A request that resolved the tenant before the change finishes building its options after the change dropped them.
        notifier.Publish(new TenantChange(TenantChangeKind.Updated, Tenants.Acme.Id, null, null));
        using (AmbientCurrentTenant.Instance.Begin(before))
        {
            cache.GetOrAdd(null, () => new Plan(before.Plan)).Name.Should().Be("pro");
        }

        using (AmbientCurrentTenant.Instance.Begin(after))
        {
            cache.GetOrAdd(null, () => new Plan(after.Plan)).Name.Should().Be("enterprise", "the changed tenant's options are rebuilt");
            cache.GetOrAdd(null, () => new Plan("rebuilt again")).Name.Should().Be("enterprise", "and then served from the cache");
        }

        using (AmbientCurrentTenant.Instance.Begin(Tenants.Acme with { Plan = "enterprise" }))
        {
            cache.GetOrAdd(null, () => new Plan("rebuilt for an equal copy")).Name.Should().Be("enterprise", "an equal copy of the tenant is the same tenant");
        }
    }

    private sealed class Settings;

    private sealed record Plan(string? Name);
}

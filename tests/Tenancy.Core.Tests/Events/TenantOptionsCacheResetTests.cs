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

    private sealed class Settings;
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Tenancy.Core.Tests.Support;
using Tenancy.Events;

namespace Tenancy.Core.Tests.Events;

public sealed class TenantChangeNotifierTests
{
    private static readonly TenantChange Change = new(TenantChangeKind.Updated, "t-acme", Tenants.Acme, Tenants.Acme with { Status = TenantStatus.Suspended });

    [Fact]
    public void Every_subscriber_hears_every_change_until_it_unsubscribes()
    {
        var notifier = new TenantChangeNotifier();
        var first = new List<TenantChange>();
        var second = new List<TenantChange>();
        var subscription = notifier.Subscribe(first.Add);
        notifier.Subscribe(second.Add);

        notifier.Publish(Change);
        subscription.Dispose();
        notifier.Publish(Change);

        first.Should().HaveCount(1);
        second.Should().HaveCount(2);
    }

    [Fact]
    public void A_failing_subscriber_is_logged_and_does_not_stop_the_others()
    {
        var logger = new FakeLogger<TenantChangeNotifier>();
        var notifier = new TenantChangeNotifier(logger);
        var heard = 0;
        notifier.Subscribe(_ => throw new InvalidOperationException("cache bug"));
        notifier.Subscribe(_ => heard++);

        notifier.Publish(Change);

        heard.Should().Be(1);
        logger.Collector.LatestRecord.Level.Should().Be(LogLevel.Error);
        logger.Collector.LatestRecord.Exception.Should().BeOfType<InvalidOperationException>();
    }
}

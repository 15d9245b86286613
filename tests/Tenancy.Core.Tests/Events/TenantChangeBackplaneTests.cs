using Tenancy.Core.Tests.Support;
using Tenancy.Events;

namespace Tenancy.Core.Tests.Events;

public sealed class TenantChangeBackplaneTests
{
    [Fact]
    public void Local_changes_are_forwarded_and_remote_ones_are_not_sent_back()
    {
        var notifier = new TenantChangeNotifier();
        using var backplane = new LoopbackBackplane(notifier);

        notifier.Publish(new TenantChange(TenantChangeKind.Updated, "t-acme", null, Tenants.Acme));
        backplane.Inject(new TenantChange(TenantChangeKind.Updated, "t-globex", null, null), "other");

        backplane.Sent.Should().ContainSingle();
        TenantChangeCodec.TryDecode(backplane.Sent[0], out var sent).Should().BeTrue();
        sent!.TenantId.Should().Be("t-acme");
        sent.Origin.Should().Be(backplane.InstanceId);
    }

    [Fact]
    public void Own_echoes_are_dropped_and_other_instances_changes_are_delivered()
    {
        var notifier = new TenantChangeNotifier();
        using var backplane = new LoopbackBackplane(notifier);
        var seen = new List<TenantChange>();
        using var _ = notifier.Subscribe(seen.Add);

        backplane.Inject(new TenantChange(TenantChangeKind.Updated, "t-acme", null, null), backplane.InstanceId);
        backplane.Inject(new TenantChange(TenantChangeKind.Removed, "t-globex", null, null), "other");

        seen.Should().ContainSingle().Which.TenantId.Should().Be("t-globex");
        backplane.Received.Should().Be(1);
    }

    [Fact]
    public void A_reconnect_publishes_a_reset_but_the_first_connect_does_not()
    {
        var notifier = new TenantChangeNotifier();
        using var backplane = new LoopbackBackplane(notifier);
        var seen = new List<TenantChange>();
        using var _ = notifier.Subscribe(seen.Add);

        backplane.Connect();
        seen.Should().BeEmpty();

        backplane.Disconnect();
        backplane.IsConnected.Should().BeFalse();
        backplane.Connect();

        seen.Should().ContainSingle().Which.Kind.Should().Be(TenantChangeKind.Reset);
        backplane.Resets.Should().Be(1);
    }

    [Fact]
    public void A_change_that_could_not_be_sent_makes_the_reconnect_tell_every_instance_to_reset()
    {
        var notifier = new TenantChangeNotifier();
        using var backplane = new LoopbackBackplane(notifier);
        backplane.Connect();
        backplane.Disconnect();
        backplane.Failing = true;

        notifier.Publish(new TenantChange(TenantChangeKind.Updated, "t-acme", null, Tenants.Acme));
        backplane.Failing = false;
        backplane.Connect();

        backplane.Sent.Should().ContainSingle();
        TenantChangeCodec.TryDecode(backplane.Sent[0], out var reset).Should().BeTrue();
        reset!.Kind.Should().Be(TenantChangeKind.Reset);
    }

    private sealed class LoopbackBackplane : TenantChangeBackplane
    {
        public LoopbackBackplane(ITenantChangeNotifier notifier)
            : base(notifier, null, null) => ForwardLocalChanges();

        public List<byte[]> Sent { get; } = [];

        public bool Failing { get; set; }

        public void Inject(TenantChange change, string origin) => Deliver(TenantChangeCodec.Encode(change, origin));

        public void Connect() => MarkConnected();

        public void Disconnect() => MarkDisconnected(new IOException("gone"));

        protected override ValueTask SendAsync(byte[] payload, CancellationToken cancellationToken)
        {
            if (Failing)
            {
                throw new IOException("down");
            }

            Sent.Add(payload);
            return ValueTask.CompletedTask;
        }
    }
}

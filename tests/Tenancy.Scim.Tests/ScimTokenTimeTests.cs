using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tenancy.Scim.Tests.Infrastructure;

namespace Tenancy.Scim.Tests;

public sealed class ScimTokenTimeTests
{
    [Fact]
    public async Task Last_used_is_written_once_per_resolution_window_not_on_every_request()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await ScimTestHost.StartAsync(Backend.Sqlite, services: s => s.AddSingleton<TimeProvider>(clock));
        async Task<DateTime?> LastUsed() => (await host.Tokens.ListAsync(Tenants.Acme.Id)).Single().LastUsed;

        (await LastUsed()).Should().BeNull();
        (await host.Get(host.AcmeToken, "/Users")).Status.Should().Be(HttpStatusCode.OK);
        (await LastUsed()).Should().Be(new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc));

        clock.Advance(TimeSpan.FromMinutes(4));
        await host.Get(host.AcmeToken, "/Users");
        (await LastUsed()).Should().Be(new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc), "within the five-minute resolution");

        clock.Advance(TimeSpan.FromMinutes(2));
        await host.Get(host.AcmeToken, "/Users");
        (await LastUsed()).Should().Be(new DateTime(2026, 1, 1, 12, 6, 0, DateTimeKind.Utc));
        (await host.Tokens.ListAsync(Tenants.Acme.Id)).Single().Created.Should().Be(new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Meta_times_come_from_the_time_provider()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
        await using var host = await ScimTestHost.StartAsync(Backend.Sqlite, services: s => s.AddSingleton<TimeProvider>(clock));
        var id = await host.CreateUserAsync(host.AcmeToken, "time@example.com");
        clock.Advance(TimeSpan.FromHours(1));

        var patched = await host.Patch(host.AcmeToken, "/Users/" + id, """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"title","value":"CTO"}]}""");

        patched.Json["meta"]!["created"]!.GetValue<string>().Should().Be("2026-03-04T05:06:07.000Z");
        patched.Json["meta"]!["lastModified"]!.GetValue<string>().Should().Be("2026-03-04T06:06:07.000Z");
        (await host.Get(host.AcmeToken, "/Users?filter=" + Uri.EscapeDataString("meta.lastModified gt \"2026-03-04T06:00:00Z\""))).TotalResults.Should().Be(1);
        (await host.Get(host.AcmeToken, "/Users?filter=" + Uri.EscapeDataString("meta.created gt \"2026-03-04T06:00:00Z\""))).TotalResults.Should().Be(0);
    }
}

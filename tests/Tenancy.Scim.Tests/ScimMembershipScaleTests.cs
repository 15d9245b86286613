using System.Net;
using Tenancy.Scim.Tests.Infrastructure;

namespace Tenancy.Scim.Tests;

/// <summary>Adding or removing one member costs the same commands whatever the group's size, and none reads the member list.</summary>
public sealed class ScimMembershipScaleTests
{
    [Fact]
    public async Task Adding_and_removing_one_member_sends_the_same_commands_for_a_small_and_a_large_group()
    {
        var recorder = new CommandRecorder();
        await using var host = await ScimTestHost.StartAsync(Backend.Sqlite, interceptor: recorder);
        var users = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            users.Add(await host.CreateUserAsync(host.AcmeToken, $"m{i}@example.com"));
        }

        var small = await host.CreateGroupAsync(host.AcmeToken, "Small", users[0]);
        var large = await host.CreateGroupAsync(host.AcmeToken, "Large", users.Take(59).ToArray());

        async Task<List<string>> Commands(string group)
        {
            recorder.Enabled = true;
            recorder.Commands.Clear();
            var add = await host.Patch(host.AcmeToken, "/Groups/" + group, $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{users[59]}}"}]}]}""");
            var remove = await host.Patch(host.AcmeToken, "/Groups/" + group, $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"{{users[59]}}\"]"}]}""");
            recorder.Enabled = false;
            add.Status.Should().Be(HttpStatusCode.NoContent);
            remove.Status.Should().Be(HttpStatusCode.NoContent);
            return recorder.Commands.ToList();
        }

        var forSmall = await Commands(small);
        var forLarge = await Commands(large);

        forLarge.Should().HaveCount(forSmall.Count);
        forLarge.Where(c => c.Contains("\"ScimGroupMembers\"", StringComparison.Ordinal))
            .Should().NotBeEmpty()
            .And.AllSatisfy(c => c.Should().ContainAny("\"MemberId\" =", "\"MemberId\" IN", "json_each", "VALUES", "INSERT"), "every membership command names the member");
    }
}

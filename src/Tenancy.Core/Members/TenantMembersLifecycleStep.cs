using System.Text.Json;
using Tenancy.Lifecycle;

namespace Tenancy.Members;

/// <summary>
/// Offboarding: exports members, tenant roles and invitations (without token hashes), revokes open invitations by deleting
/// them with the memberships. Added by <c>AddMembers()</c>.
/// </summary>
internal sealed class TenantMembersLifecycleStep(TenantMembershipService members) : TenantLifecycleStep
{
    public override string Name => "members";

    public override bool Handles(TenantLifecycleStage stage) => stage is TenantLifecycleStage.Export or TenantLifecycleStage.RevokeCredentials;

    public override string Describe(TenantLifecycleStage stage, TenantInfo tenant) => stage == TenantLifecycleStage.Export
        ? $"Export the members, roles and invitations of tenant '{tenant?.Id}'."
        : $"Delete the members, tenant roles and invitations of tenant '{tenant?.Id}'.";

    public override async Task RunAsync(TenantLifecycleStage stage, TenantLifecycleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tenantId = context.Tenant.Id;
        if (stage == TenantLifecycleStage.Export && context.Archive is { } archive)
        {
            var list = await members.ListMembersAsync(tenantId, cancellationToken).ConfigureAwait(false);
            var invitations = await members.ListInvitationsAsync(tenantId, cancellationToken).ConfigureAwait(false);
            await archive.AddAsync("members/members.json", (s, ct) => WriteAsync(s, list, ct), cancellationToken).ConfigureAwait(false);
            await archive.AddAsync("members/invitations.json", (s, ct) => WriteAsync(s, invitations, ct), cancellationToken).ConfigureAwait(false);
            return;
        }

        await members.DeleteAllAsync(tenantId, cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteAsync(Stream stream, IReadOnlyList<TenantMember> items, CancellationToken cancellationToken) =>
        WriteArrayAsync(stream, items, static (json, m) =>
        {
            json.WriteString("userId", m.UserId);
            json.WriteString("email", m.Email);
            json.WriteStartArray("roles");
            foreach (var role in m.Roles)
            {
                json.WriteStringValue(role);
            }

            json.WriteEndArray();
            json.WriteString("joinedAt", m.JoinedAt);
        }, cancellationToken);

    private static Task WriteAsync(Stream stream, IReadOnlyList<TenantInvitation> items, CancellationToken cancellationToken) =>
        WriteArrayAsync(stream, items, static (json, i) =>
        {
            json.WriteString("id", i.Id);
            json.WriteString("email", i.Email);
            json.WriteString("role", i.Role);
            json.WriteString("createdAt", i.CreatedAt);
            json.WriteString("expiresAt", i.ExpiresAt);
            json.WriteString("acceptedBy", i.AcceptedBy);
        }, cancellationToken);

    private static async Task WriteArrayAsync<T>(Stream stream, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeProperties, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(stream);
        json.WriteStartArray();
        foreach (var item in items)
        {
            json.WriteStartObject();
            writeProperties(json, item);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}

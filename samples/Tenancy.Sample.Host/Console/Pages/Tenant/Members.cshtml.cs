using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tenancy.Members;

namespace Tenancy.Sample.Host.Console.Pages.Tenant;

/// <summary>The tenant's members (roles, removal) and invitations (send, revoke).</summary>
public sealed class MembersModel(ICurrentTenant current, TenantMembershipService members, TimeProvider time) : TenantConsolePage(current)
{
    public IReadOnlyList<TenantMember> Members { get; private set; } = [];

    public IReadOnlyList<TenantInvitation> Invitations { get; private set; } = [];

    public IReadOnlyList<string> Roles { get; private set; } = [];

    /// <summary>The token of the invitation just sent (shown once).</summary>
    public string? InvitationToken { get; private set; }

    public DateTimeOffset Now => time.GetUtcNow();

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(string? email, string? role, CancellationToken cancellationToken)
    {
        try
        {
            var created = await members.InviteAsync(Tenant.Id, email ?? "", role ?? "", ActorId, cancellationToken);
            InvitationToken = created.Token;
            Notice = $"Invitation sent to {created.Invitation.Email} as {created.Invitation.Role}.";
        }
        catch (ArgumentException ex)
        {
            await LoadAsync(cancellationToken);
            return Refuse(StatusCodes.Status400BadRequest, "The invitation was not sent: " + FirstLine(ex.Message));
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeInvitationAsync(string? invitationId, CancellationToken cancellationToken)
    {
        var revoked = invitationId is { Length: > 0 and <= 100 } && await members.RevokeInvitationAsync(Tenant.Id, invitationId, ActorId, cancellationToken);
        await LoadAsync(cancellationToken);
        return revoked ? Done("Invitation revoked.") : Refuse(StatusCodes.Status404NotFound, "This tenant has no such open invitation.");
    }

    public async Task<IActionResult> OnPostSetRoleAsync(string? userId, string? role, CancellationToken cancellationToken)
    {
        MembershipChange change;
        try
        {
            change = userId is { Length: > 0 and <= 200 } && role is { Length: > 0 }
                ? await members.SetRolesAsync(Tenant.Id, userId, [role], ActorId, cancellationToken)
                : MembershipChange.NotFound;
        }
        catch (ArgumentException ex)
        {
            await LoadAsync(cancellationToken);
            return Refuse(StatusCodes.Status400BadRequest, "The role was not changed: " + FirstLine(ex.Message));
        }

        await LoadAsync(cancellationToken);
        return Outcome(change, $"{userId} is now {role}.");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? userId, CancellationToken cancellationToken)
    {
        var change = userId is { Length: > 0 and <= 200 }
            ? await members.RemoveMemberAsync(Tenant.Id, userId, ActorId, cancellationToken)
            : MembershipChange.NotFound;
        await LoadAsync(cancellationToken);
        return Outcome(change, $"{userId} was removed.");
    }

    private IActionResult Outcome(MembershipChange change, string done) => change switch
    {
        MembershipChange.Done => Done(done),
        MembershipChange.LastOwner => Refuse(StatusCodes.Status409Conflict, "A tenant always keeps at least one owner."),
        _ => Refuse(StatusCodes.Status404NotFound, "This tenant has no such member."),
    };

    private PageResult Done(string notice)
    {
        Notice = notice;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Members = await members.ListMembersAsync(Tenant.Id, cancellationToken);
        Invitations = (await members.ListInvitationsAsync(Tenant.Id, cancellationToken)).OrderByDescending(i => i.CreatedAt).ToList();
        Roles = (await members.GetRolesAsync(Tenant.Id, cancellationToken)).Keys.Order(StringComparer.Ordinal).ToList();
    }

    private static string FirstLine(string message) => message.Split(" (Parameter", 2)[0];
}

using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework.Platform;
using Tenancy.Members;
using Tenancy.Stores;

namespace Tenancy.EntityFramework.Members;

/// <summary>
/// <see cref="ITenantMemberStore"/> in EF Core: tenant-scoped <c>TenantMembers</c>, <c>TenantRoles</c> and
/// <c>TenantInvitations</c>, and the global <c>TenantUserIndex</c> (user id → tenant id) for one user's tenants. Role
/// changes take a per-tenant write lock, so two admins demoting the last two owners at once cannot leave none.
/// </summary>
/// <typeparam name="TContext">A context whose model calls <c>ApplyTenancyPlatform()</c>.</typeparam>
public sealed class EfTenantMemberStore<TContext> : PlatformStoreBase<TContext>, ITenantMemberStore
    where TContext : DbContext, ITenantDbContext
{
    /// <summary>Creates the store.</summary>
    /// <param name="contexts">Creates contexts.</param>
    /// <param name="tenants">Finds tenants by id.</param>
    /// <param name="currentTenant">The current-tenant accessor the contexts read.</param>
    public EfTenantMemberStore(IDbContextFactory<TContext> contexts, ITenantStore tenants, ICurrentTenant currentTenant)
        : base(contexts, tenants, currentTenant)
    {
    }

    /// <inheritdoc />
    public async Task<TenantMember?> FindMemberAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var tenant = await FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Set<TenantMemberRecord>().AsNoTracking().FirstOrDefaultAsync(m => m.UserId == userId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToMember(row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TenantMember>> ListMembersAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var tenant = await FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<TenantMemberRecord>().AsNoTracking().OrderBy(m => m.UserId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToMember).ToArray();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TenantMember>> ListMembershipsAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        List<string> tenantIds;
        await using (var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            tenantIds = await db.Set<TenantUserIndexRecord>().Where(i => i.UserId == userId).Select(i => i.TenantId).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var members = new List<TenantMember>(tenantIds.Count);
        foreach (var tenantId in tenantIds.Order(StringComparer.Ordinal))
        {
            if (await Tenants.FindByIdAsync(tenantId, cancellationToken).ConfigureAwait(false) is { } tenant)
            {
                using var scope = CurrentTenant.Begin(tenant);
                await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
                if (await db.Set<TenantMemberRecord>().AsNoTracking().FirstOrDefaultAsync(m => m.UserId == userId, cancellationToken).ConfigureAwait(false) is { } row)
                {
                    members.Add(ToMember(row));
                }
            }
        }

        return members;
    }

    /// <inheritdoc />
    public async Task<TenantMember> AddMemberAsync(TenantMember member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        var tenant = await FindTenantAsync(member.TenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await TenantWriteLock.AcquireAsync(db, "members", tenant.Id, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<TenantMemberRecord>().FirstOrDefaultAsync(m => m.UserId == member.UserId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            row = new TenantMemberRecord { UserId = member.UserId, Email = member.Email, JoinedAt = member.JoinedAt };
            SetRoles(row, member.Roles);
            db.Add(row);
            db.Add(new TenantUserIndexRecord { UserId = member.UserId, TenantId = tenant.Id });
        }
        else
        {
            SetRoles(row, Split(row.Roles).Union(member.Roles, StringComparer.Ordinal).ToArray());
            row.Email ??= member.Email;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ToMember(row);
    }

    /// <inheritdoc />
    public async Task<MembershipChange> ChangeMemberAsync(string tenantId, string userId, IReadOnlyList<string>? roles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var tenant = await FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await TenantWriteLock.AcquireAsync(db, "members", tenant.Id, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<TenantMemberRecord>().FirstOrDefaultAsync(m => m.UserId == userId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return MembershipChange.NotFound;
        }

        var staysOwner = roles is not null && roles.Contains(TenantRoles.Owner, StringComparer.Ordinal);
        if (row.IsOwner && !staysOwner && await db.Set<TenantMemberRecord>().CountAsync(m => m.IsOwner, cancellationToken).ConfigureAwait(false) <= 1)
        {
            return MembershipChange.LastOwner;
        }

        if (roles is null)
        {
            db.Remove(row);
            await db.Set<TenantUserIndexRecord>().Where(i => i.UserId == userId && i.TenantId == tenant.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            SetRoles(row, roles);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return MembershipChange.Done;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TenantRole>> ListRolesAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var tenant = await FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<TenantRoleRecord>().AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new TenantRole(r.Name, Split(r.Permissions))).ToArray();
    }

    /// <inheritdoc />
    public async Task SaveRoleAsync(string tenantId, TenantRole role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(role);
        var tenant = await FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Set<TenantRoleRecord>().FirstOrDefaultAsync(r => r.Name == role.Name, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            db.Add(new TenantRoleRecord { Name = role.Name, Permissions = string.Join(' ', role.Permissions) });
        }
        else
        {
            row.Permissions = string.Join(' ', role.Permissions);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task AddInvitationAsync(TenantInvitation invitation, byte[] tokenHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(tokenHash);
        var tenant = await FindTenantAsync(invitation.TenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.Add(new TenantInvitationRecord
        {
            Id = invitation.Id,
            Email = invitation.Email,
            Role = invitation.Role,
            TokenHash = tokenHash,
            CreatedAt = invitation.CreatedAt,
            CreatedBy = invitation.CreatedBy,
            ExpiresAt = invitation.ExpiresAt,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<(TenantInvitation Invitation, byte[] TokenHash)?> FindInvitationAsync(string tenantId, string invitationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invitationId);
        var tenant = await FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Set<TenantInvitationRecord>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == invitationId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : (ToInvitation(row), row.TokenHash);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TenantInvitation>> ListInvitationsAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var tenant = await FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<TenantInvitationRecord>().AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.OrderByDescending(r => r.CreatedAt).Select(ToInvitation).ToArray();
    }

    /// <inheritdoc />
    public async Task<bool> TryAcceptInvitationAsync(string tenantId, string invitationId, string userId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invitationId);
        var tenant = await FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        // One conditional UPDATE: of two concurrent accepts, exactly one matches a row that is still open.
        var updated = await db.Set<TenantInvitationRecord>()
            .Where(i => i.Id == invitationId && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, at).SetProperty(i => i.AcceptedBy, userId), cancellationToken).ConfigureAwait(false);
        return updated == 1;
    }

    /// <inheritdoc />
    public async Task<bool> RevokeInvitationAsync(string tenantId, string invitationId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invitationId);
        var tenant = await FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Set<TenantInvitationRecord>()
            .Where(i => i.Id == invitationId && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, at), cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<TenantInvitation?> RenewInvitationAsync(string tenantId, string invitationId, byte[] tokenHash, DateTimeOffset sentAt, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invitationId);
        ArgumentNullException.ThrowIfNull(tokenHash);
        var tenant = await FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Set<TenantInvitationRecord>().FirstOrDefaultAsync(i => i.Id == invitationId && i.AcceptedAt == null && i.RevokedAt == null, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        row.TokenHash = tokenHash;
        row.CreatedAt = sentAt;
        row.ExpiresAt = expiresAt;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return ToInvitation(row);
    }

    /// <inheritdoc />
    public async Task<int> DeleteAllAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var tenant = await FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await db.Set<TenantMemberRecord>().ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        deleted += await db.Set<TenantRoleRecord>().ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        deleted += await db.Set<TenantInvitationRecord>().ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Set<TenantUserIndexRecord>().Where(i => i.TenantId == tenant.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    private static void SetRoles(TenantMemberRecord row, IReadOnlyCollection<string> roles)
    {
        row.Roles = string.Join(' ', roles);
        row.IsOwner = roles.Contains(TenantRoles.Owner, StringComparer.Ordinal);
    }

    private static TenantMember ToMember(TenantMemberRecord r) => new(r.TenantId, r.UserId, r.Email, Split(r.Roles), r.JoinedAt);

    private static TenantInvitation ToInvitation(TenantInvitationRecord r) =>
        new(r.Id, r.TenantId, r.Email, r.Role, r.CreatedAt, r.CreatedBy, r.ExpiresAt, r.AcceptedAt, r.AcceptedBy, r.RevokedAt);
}

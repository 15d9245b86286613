using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework;
using Tenancy.Scim.Roles;

namespace Tenancy.Scim.EntityFramework;

/// <summary>Group-to-role mappings in the tenant-scoped <c>ScimRoleMappings</c> table.</summary>
/// <typeparam name="TContext">The context whose model has <c>ApplyTenancyScim()</c>.</typeparam>
internal sealed class EfScimRoleMappings<TContext>(TContext db) : IScimRoleMappings
    where TContext : DbContext, ITenantDbContext
{
    public Task MapGroupIdAsync(string groupId, string role, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        return AddAsync(new ScimRoleMappingRecord { GroupId = groupId, Role = role }, cancellationToken);
    }

    public Task MapGroupNameAsync(string displayName, string role, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        return AddAsync(new ScimRoleMappingRecord { GroupDisplayNameKey = displayName.ToUpperInvariant(), Role = role }, cancellationToken);
    }

    public Task<int> UnmapRoleAsync(string role, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        return db.Set<ScimRoleMappingRecord>().Where(r => r.Role == role).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> GetEffectiveRolesAsync(string user, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var key = user.ToUpperInvariant();
        var users = db.Set<ScimUserRecord>().Where(u => u.Active && (u.Id == user || u.ExternalId == user || u.UserNameKey == key));
        var roles = await (
            from u in users
            join m in db.Set<ScimGroupMemberRecord>() on u.Id equals m.MemberId
            join g in db.Set<ScimGroupRecord>() on m.GroupId equals g.Id
            from r in db.Set<ScimRoleMappingRecord>()
            where r.GroupId == g.Id || r.GroupDisplayNameKey == g.DisplayNameKey
            select r.Role).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        roles.Sort(StringComparer.Ordinal);
        return roles;
    }

    private async Task AddAsync(ScimRoleMappingRecord mapping, CancellationToken cancellationToken)
    {
        var exists = await db.Set<ScimRoleMappingRecord>().AnyAsync(
            r => r.Role == mapping.Role && r.GroupId == mapping.GroupId && r.GroupDisplayNameKey == mapping.GroupDisplayNameKey, cancellationToken).ConfigureAwait(false);
        if (exists)
        {
            return;
        }

        db.Add(mapping);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework;
using Tenancy.Scim.Errors;
using Tenancy.Scim.Resources;
using Tenancy.Scim.Schema;
using Tenancy.Scim.Stores;

namespace Tenancy.Scim.EntityFramework;

/// <summary>
/// The EF Core <see cref="IScimStore"/>: tenant-scoped tables (query filter, save guard, PostgreSQL row-level security),
/// filters answered by the database over indexed columns, membership one row per member.
/// </summary>
/// <typeparam name="TContext">The context whose model has <c>ApplyTenancyScim()</c>.</typeparam>
internal sealed class EfScimStore<TContext>(TContext db, TimeProvider time) : IScimStore
    where TContext : DbContext, ITenantDbContext
{
    private IQueryable<ScimUserRecord> Users => Ensure().Set<ScimUserRecord>();

    private IQueryable<ScimGroupRecord> Groups => Ensure().Set<ScimGroupRecord>();

    private IQueryable<ScimGroupMemberRecord> Members => db.Set<ScimGroupMemberRecord>();

    public async Task<ScimResource?> FindAsync(ScimResourceKind kind, string id, bool includeRelated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (kind == ScimResourceKind.User)
        {
            var user = await Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false);
            if (user is null)
            {
                return null;
            }

            var groups = includeRelated ? await GroupsOfAsync([user.Id], cancellationToken).ConfigureAwait(false) : null;
            return ToResource(user, groups?[user.Id] ?? (includeRelated ? [] : null));
        }

        var group = await Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken).ConfigureAwait(false);
        if (group is null)
        {
            return null;
        }

        var members = includeRelated ? await MembersOfAsync([group.Id], cancellationToken).ConfigureAwait(false) : null;
        return ToResource(group, members?[group.Id] ?? (includeRelated ? [] : null));
    }

    public async Task<ScimPage> QueryAsync(ScimResourceKind kind, ScimQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var translator = new ScimFilterTranslator(Members);
        var skip = Math.Max(0, query.StartIndex - 1);
        var take = Math.Max(0, query.Count);
        if (kind == ScimResourceKind.User)
        {
            var users = Users.AsNoTracking();
            if (query.Filter is not null)
            {
                users = users.Where(translator.ForUsers(query.Filter));
            }

            var page = take == 0 ? [] : await users.OrderBy(u => u.Id).Skip(skip).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
            var total = skip == 0 && page.Count < take ? page.Count : await users.CountAsync(cancellationToken).ConfigureAwait(false);
            var groups = query.IncludeRelated && page.Count > 0 ? await GroupsOfAsync(page.Select(u => u.Id).ToList(), cancellationToken).ConfigureAwait(false) : null;
            return new ScimPage(total, page.Select(u => ToResource(u, groups is null ? null : groups[u.Id])).ToList());
        }

        var groupQuery = Groups.AsNoTracking();
        if (query.Filter is not null)
        {
            groupQuery = groupQuery.Where(translator.ForGroups(query.Filter));
        }

        var groupPage = take == 0 ? [] : await groupQuery.OrderBy(g => g.Id).Skip(skip).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        var groupTotal = skip == 0 && groupPage.Count < take ? groupPage.Count : await groupQuery.CountAsync(cancellationToken).ConfigureAwait(false);
        var members = query.IncludeRelated && groupPage.Count > 0 ? await MembersOfAsync(groupPage.Select(g => g.Id).ToList(), cancellationToken).ConfigureAwait(false) : null;
        return new ScimPage(groupTotal, groupPage.Select(g => ToResource(g, members is null ? null : members[g.Id])).ToList());
    }

    public async Task<ScimResource> CreateAsync(ScimResourceKind kind, JsonObject attributes, IReadOnlyList<string> members, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(members);
        var now = Now();
        var id = Guid.NewGuid().ToString();
        if (kind == ScimResourceKind.User)
        {
            var user = new ScimUserRecord { Id = id, Created = now, LastModified = now, Version = 1 };
            Fill(user, attributes);
            await EnsureUniqueAsync(user.UserNameKey, null, cancellationToken).ConfigureAwait(false);
            db.Add(user);
            await SaveAsync(user.UserNameKey, null, cancellationToken).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            return ToResource(user, []);
        }

        var group = new ScimGroupRecord { Id = id, Created = now, LastModified = now, Version = 1 };
        Fill(group, attributes);
        var types = await TypesOfAsync(members, cancellationToken).ConfigureAwait(false);
        db.Add(group);
        foreach (var member in members)
        {
            db.Add(new ScimGroupMemberRecord { GroupId = id, MemberId = member, MemberType = types[member] });
        }

        await SaveAsync(null, null, cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return ToResource(group, members.Select(m => new ScimMember(m, types[m], null)).ToList());
    }

    public async Task<ScimResource> UpdateAsync(ScimResourceKind kind, string id, JsonObject attributes, IReadOnlyList<ScimMemberChange> memberChanges, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(memberChanges);
        try
        {
            if (kind == ScimResourceKind.User)
            {
                var user = await db.Set<ScimUserRecord>().FirstOrDefaultAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false)
                    ?? throw ScimException.NotFound($"User {id} not found.");
                if (user.Version != expectedVersion)
                {
                    throw ScimException.PreconditionFailed();
                }

                Fill(user, attributes);
                await EnsureUniqueAsync(user.UserNameKey, id, cancellationToken).ConfigureAwait(false);
                user.Version++;
                user.LastModified = Now();
                await SaveAsync(user.UserNameKey, id, cancellationToken).ConfigureAwait(false);
                return ToResource(user, null);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var group = await db.Set<ScimGroupRecord>().FirstOrDefaultAsync(g => g.Id == id, cancellationToken).ConfigureAwait(false)
                ?? throw ScimException.NotFound($"Group {id} not found.");
            if (group.Version != expectedVersion)
            {
                throw ScimException.PreconditionFailed();
            }

            foreach (var change in memberChanges)
            {
                await ApplyAsync(id, change, cancellationToken).ConfigureAwait(false);
            }

            Fill(group, attributes);
            group.Version++;
            group.LastModified = Now();
            await SaveAsync(null, null, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return ToResource(group, null);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public async Task<bool> DeleteAsync(ScimResourceKind kind, string id, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long? version = kind == ScimResourceKind.User
            ? await Users.Where(u => u.Id == id).Select(u => (long?)u.Version).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : await Groups.Where(g => g.Id == id).Select(g => (long?)g.Version).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return false;
        }

        if (expectedVersion is { } expected && expected != version)
        {
            throw ScimException.PreconditionFailed();
        }

        await Members.Where(m => m.MemberId == id || m.GroupId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var deleted = kind == ScimResourceKind.User
            ? await Users.Where(u => u.Id == id && u.Version == version).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false)
            : await Groups.Where(g => g.Id == id && g.Version == version).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (deleted == 0)
        {
            throw ScimException.PreconditionFailed();
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task ApplyAsync(string groupId, ScimMemberChange change, CancellationToken cancellationToken)
    {
        switch (change.Kind)
        {
            case ScimMemberChangeKind.Add:
                await AddMembersAsync(groupId, change.MemberIds, cancellationToken).ConfigureAwait(false);
                break;
            case ScimMemberChangeKind.Remove:
                var ids = change.MemberIds.ToList();
                await Members.Where(m => m.GroupId == groupId && ids.Contains(m.MemberId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                break;
            case ScimMemberChangeKind.RemoveWhere:
                await Members.Where(m => m.GroupId == groupId).Where(ScimFilterTranslator.ForMembers(change.Filter!)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                break;
            case ScimMemberChangeKind.RemoveAll:
                await Members.Where(m => m.GroupId == groupId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                break;
            default:
                var wanted = change.MemberIds.ToHashSet(StringComparer.Ordinal);
                var existing = await Members.Where(m => m.GroupId == groupId).Select(m => m.MemberId).ToListAsync(cancellationToken).ConfigureAwait(false);
                var gone = existing.Where(e => !wanted.Contains(e)).ToList();
                if (gone.Count > 0)
                {
                    await Members.Where(m => m.GroupId == groupId && gone.Contains(m.MemberId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                }

                await AddMembersAsync(groupId, wanted.Except(existing, StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task AddMembersAsync(string groupId, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var list = ids.ToList();
        var types = await TypesOfAsync(list, cancellationToken).ConfigureAwait(false);
        var present = await Members.Where(m => m.GroupId == groupId && list.Contains(m.MemberId)).Select(m => m.MemberId).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in list.Except(present, StringComparer.Ordinal))
        {
            db.Add(new ScimGroupMemberRecord { GroupId = groupId, MemberId = id, MemberType = types[id] });
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The resource type of each id (User or Group); an id that is neither, in this tenant, is 400 invalidValue.</summary>
    private async Task<Dictionary<string, string>> TypesOfAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return types;
        }

        var list = ids.ToList();
        foreach (var user in await Users.Where(u => list.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            types[user] = "User";
        }

        if (types.Count < list.Count)
        {
            foreach (var group in await Groups.Where(g => list.Contains(g.Id)).Select(g => g.Id).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                types[group] = "Group";
            }
        }

        var missing = list.FirstOrDefault(i => !types.ContainsKey(i));
        if (missing is not null)
        {
            throw ScimException.BadRequest(ScimErrorType.InvalidValue, $"No user or group has the id '{(missing.Length > 64 ? missing[..64] + "…" : missing)}'.");
        }

        return types;
    }

    private async Task<ILookup<string, ScimMember>> GroupsOfAsync(List<string> userIds, CancellationToken cancellationToken)
    {
        var rows = await (from m in Members
                          where userIds.Contains(m.MemberId)
                          join g in Groups on m.GroupId equals g.Id
                          select new { m.MemberId, g.Id, g.DisplayName }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ToLookup(r => r.MemberId, r => new ScimMember(r.Id, "direct", r.DisplayName), StringComparer.Ordinal);
    }

    private async Task<ILookup<string, ScimMember>> MembersOfAsync(List<string> groupIds, CancellationToken cancellationToken)
    {
        var rows = await Members.Where(m => groupIds.Contains(m.GroupId)).OrderBy(m => m.MemberId)
            .Select(m => new { m.GroupId, m.MemberId, m.MemberType }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ToLookup(r => r.GroupId, r => new ScimMember(r.MemberId, r.MemberType, null), StringComparer.Ordinal);
    }

    private async Task EnsureUniqueAsync(string userNameKey, string? exceptId, CancellationToken cancellationToken)
    {
        if (await Users.AnyAsync(u => u.UserNameKey == userNameKey && u.Id != exceptId, cancellationToken).ConfigureAwait(false))
        {
            throw ScimException.Conflict("A user with this userName already exists in this tenant (userName is compared without case).");
        }
    }

    private async Task SaveAsync(string? userNameKey, string? exceptId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ScimException.PreconditionFailed();
        }
        catch (DbUpdateException) when (userNameKey is not null)
        {
            // A concurrent writer took the name between the check and the insert: the unique index decided.
            db.ChangeTracker.Clear();
            await EnsureUniqueAsync(userNameKey, exceptId, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private TContext Ensure()
    {
        if (db.Model.FindEntityType(typeof(ScimUserRecord)) is null)
        {
            throw new TenancyConfigurationException($"{typeof(TContext).Name} has no SCIM tables: call modelBuilder.ApplyTenancyScim() in its OnModelCreating.");
        }

        return db;
    }

    private const int MaxIndexedLength = 512;

    private static void Fill(ScimUserRecord user, JsonObject attributes)
    {
        user.UserName = Text(attributes["userName"]) ?? "";
        user.UserNameKey = user.UserName.ToUpperInvariant();
        user.ExternalId = Text(attributes["externalId"]);
        user.DisplayNameKey = Text(attributes["displayName"])?.ToUpperInvariant();
        user.GivenNameKey = Text(attributes["name"]?["givenName"])?.ToUpperInvariant();
        user.FamilyNameKey = Text(attributes["name"]?["familyName"])?.ToUpperInvariant();
        var emails = attributes["emails"] as JsonArray;
        var email = emails?.OfType<JsonObject>().FirstOrDefault(e => e["primary"] is JsonValue p && p.GetValueKind() == JsonValueKind.True)
            ?? emails?.OfType<JsonObject>().FirstOrDefault();
        user.EmailKey = Text(email?["value"])?.ToUpperInvariant();
        user.Active = attributes["active"] is not JsonValue active || active.GetValueKind() != JsonValueKind.False;
        CheckLengths(("userName", user.UserName), ("externalId", user.ExternalId), ("displayName", user.DisplayNameKey),
            ("name.givenName", user.GivenNameKey), ("name.familyName", user.FamilyNameKey), ("emails.value", user.EmailKey));
        user.Document = attributes.ToJsonString();
    }

    private static void Fill(ScimGroupRecord group, JsonObject attributes)
    {
        group.DisplayName = Text(attributes["displayName"]) ?? "";
        group.DisplayNameKey = group.DisplayName.ToUpperInvariant();
        group.ExternalId = Text(attributes["externalId"]);
        CheckLengths(("displayName", group.DisplayName), ("externalId", group.ExternalId));
        group.Document = attributes.ToJsonString();
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The indexed columns hold at most <see cref="MaxIndexedLength"/> characters: longer values are 400, not a database error.</summary>
    private static void CheckLengths(params (string Name, string? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (value is { Length: > MaxIndexedLength })
            {
                throw ScimException.BadRequest(ScimErrorType.InvalidValue, $"'{name}' is longer than {MaxIndexedLength} characters.");
            }
        }
    }

    private static ScimResource ToResource(ScimUserRecord user, IEnumerable<ScimMember>? groups) =>
        new(ScimResourceKind.User, user.Id, Parse(user.Document), user.Created, user.LastModified, user.Version) { Related = groups?.ToList() };

    private static ScimResource ToResource(ScimGroupRecord group, IEnumerable<ScimMember>? members) =>
        new(ScimResourceKind.Group, group.Id, Parse(group.Document), group.Created, group.LastModified, group.Version) { Related = members?.ToList() };

    private static JsonObject Parse(string document) => JsonNode.Parse(document) as JsonObject ?? [];
}

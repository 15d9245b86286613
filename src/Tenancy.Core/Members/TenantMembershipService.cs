using Tenancy.Diagnostics;
using System.Collections.Concurrent;
using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tenancy.ApiKeys;
using Tenancy.Audit;
using Tenancy.Events;
using Tenancy.Lifecycle;

namespace Tenancy.Members;

/// <summary>
/// Members, roles and invitations of tenants, and the access check behind <c>RequireTenantRole</c>/<c>RequireTenantPermission</c>.
/// A user's access is computed per tenant (a role in one tenant grants nothing in another), from membership plus every
/// <see cref="ITenantRoleSource"/>, cached per user and tenant and evicted on every change made through this service — on
/// every instance when a tenant-change backplane is configured (the change is published as
/// <see cref="TenantChangeKind.AccessChanged"/>).
/// </summary>
public sealed class TenantMembershipService : IDisposable
{
    private const string InvitationEnvironment = "invite";

    private readonly ITenantMemberStore _store;
    private readonly IReadOnlyList<ITenantRoleSource> _sources;
    private readonly TenantMembershipOptions _options;
    private readonly TimeProvider _time;
    private readonly IAuditLog? _audit;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string TenantId, string UserId), (TenantAccess Access, long At)> _access = new();
    private readonly long _ttl;
    private readonly ITenantChangeNotifier? _notifier;
    private readonly IDisposable? _subscription;

    /// <summary>Creates the service.</summary>
    /// <param name="store">Keeps members, roles and invitations.</param>
    /// <param name="sources">Extra role sources (SCIM groups …).</param>
    /// <param name="options">The options.</param>
    /// <param name="time">The clock.</param>
    /// <param name="audit">Records changes, or <see langword="null"/>.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="notifier">Tenant changes: access changes are published on it and those of other instances evict here.</param>
    public TenantMembershipService(
        ITenantMemberStore store,
        IEnumerable<ITenantRoleSource> sources,
        IOptions<TenantMembershipOptions> options,
        TimeProvider? time = null,
        IAuditLog? audit = null,
        ILogger<TenantMembershipService>? logger = null,
        ITenantChangeNotifier? notifier = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _sources = sources.ToArray();
        _options = options.Value;
        _time = time ?? TimeProvider.System;
        _audit = audit;
        _logger = logger ?? NullLogger<TenantMembershipService>.Instance;
        _ttl = (long)(_options.AccessCacheDuration.TotalSeconds * _time.TimestampFrequency);
        _notifier = notifier;
        _subscription = notifier?.Subscribe(OnTenantChanged);
    }

    /// <summary>Returns what <paramref name="userId"/> may do in <paramref name="tenantId"/> (cached).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The access; no roles when the user is not a member.</returns>
    public async ValueTask<TenantAccess> GetAccessAsync(string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = _time.GetTimestamp();
        if (_access.TryGetValue((tenantId, userId), out var cached) && now - cached.At < _ttl)
        {
            return cached.Access;
        }

        var roles = new HashSet<string>(StringComparer.Ordinal);
        if (await _store.FindMemberAsync(tenantId, userId, cancellationToken).ConfigureAwait(false) is { } member)
        {
            roles.UnionWith(member.Roles);
        }

        foreach (var source in _sources)
        {
            try
            {
                roles.UnionWith(await source.GetRolesAsync(tenantId, userId, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.RoleSourceFailed(_logger, source.Name, tenantId, ex);
            }
        }

        var defined = await GetRolesAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var known = roles.Where(defined.ContainsKey).ToArray();
        var access = new TenantAccess(tenantId, userId, known, known.SelectMany(r => defined[r].Permissions));
        _access[(tenantId, userId)] = (access, now);
        return access;
    }

    /// <summary>
    /// Forgets the cached access of a user in a tenant (call it when an <see cref="ITenantRoleSource"/> changes), here and,
    /// through the tenant-change backplane, on every other instance.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="userId">The user, or <see langword="null"/> for every user of the tenant.</param>
    public void Invalidate(string tenantId, string? userId = null)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        Evict(tenantId, userId);
        _notifier?.Publish(TenantChange.AccessChanged(tenantId, userId is null ? null : TenantChange.MemberPrefix + userId));
    }

    /// <inheritdoc />
    public void Dispose() => _subscription?.Dispose();

    private void OnTenantChanged(TenantChange change)
    {
        switch (change.Kind)
        {
            case TenantChangeKind.Reset:
                _access.Clear(); // The backplane may have missed a change: every access is read again.
                break;
            case TenantChangeKind.AccessChanged when change.Keys.Count == 0:
                Evict(change.TenantId, null);
                break;
            case TenantChangeKind.AccessChanged:
                foreach (var key in change.Keys)
                {
                    if (key.StartsWith(TenantChange.MemberPrefix, StringComparison.Ordinal))
                    {
                        Evict(change.TenantId, key[TenantChange.MemberPrefix.Length..]);
                    }
                }

                break;
            case TenantChangeKind.Removed:
                Evict(change.TenantId, null);
                break;
        }
    }

    private void Evict(string tenantId, string? userId)
    {
        if (userId is not null)
        {
            _access.TryRemove((tenantId, userId), out _);
            return;
        }

        foreach (var key in _access.Keys)
        {
            if (string.Equals(key.TenantId, tenantId, StringComparison.Ordinal))
            {
                _access.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Returns the roles defined in a tenant: the built-in ones plus the tenant's own.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The roles by name.</returns>
    public async Task<IReadOnlyDictionary<string, TenantRole>> GetRolesAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        var roles = new Dictionary<string, TenantRole>(TenantRoles.Defaults, StringComparer.Ordinal);
        foreach (var role in await _store.ListRolesAsync(tenantId, cancellationToken).ConfigureAwait(false))
        {
            roles.TryAdd(role.Name, role);
        }

        return roles;
    }

    /// <summary>Defines (or redefines) a tenant's own role. Built-in role names cannot be redefined.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="role">The role.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    public async Task DefineRoleAsync(string tenantId, TenantRole role, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        ArgumentNullException.ThrowIfNull(role);
        if (!TenantRole.IsValidName(role.Name) || role.Name.Contains('*', StringComparison.Ordinal) || TenantRoles.Defaults.ContainsKey(role.Name))
        {
            throw new ArgumentException($"'{role.Name}' cannot name a tenant role: use 1 to 50 lowercase letters, digits, '-', '_' or '.', and not a built-in name.", nameof(role));
        }

        if (role.Permissions.Count > 100 || role.Permissions.Any(p => !TenantRole.IsValidName(p)))
        {
            throw new ArgumentException("A role has at most 100 permissions, each 1 to 50 lowercase letters, digits, '-', '_', '.' or '*'.", nameof(role));
        }

        await _store.SaveRoleAsync(tenantId, role with { Permissions = role.Permissions.Distinct(StringComparer.Ordinal).ToArray() }, cancellationToken).ConfigureAwait(false);
        Invalidate(tenantId);
    }

    /// <summary>Adds a member with roles (or adds roles to an existing member).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="userId">The user.</param>
    /// <param name="email">The user's address, or <see langword="null"/>.</param>
    /// <param name="roles">The roles (each built-in or defined in the tenant).</param>
    /// <param name="actor">Who adds the member, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The member.</returns>
    public async Task<TenantMember> AddMemberAsync(string tenantId, string userId, string? email, IReadOnlyList<string> roles, string? actor = null, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        ValidateUserId(userId);
        await ValidateRolesAsync(tenantId, roles, cancellationToken).ConfigureAwait(false);
        var member = await _store.AddMemberAsync(new TenantMember(tenantId, userId, email is null ? null : NormalizeEmail(email), roles.Distinct(StringComparer.Ordinal).ToArray(), _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        Invalidate(tenantId, userId);
        Log.MembershipChanged(_logger, userId, tenantId, "added");
        await AuditAsync(tenantId, "member.added", userId, actor, cancellationToken).ConfigureAwait(false);
        return member;
    }

    /// <summary>Replaces a member's roles; refused when it would leave the tenant without an owner.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="userId">The user.</param>
    /// <param name="roles">The new roles (at least one).</param>
    /// <param name="actor">Who changes them, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The outcome.</returns>
    public async Task<MembershipChange> SetRolesAsync(string tenantId, string userId, IReadOnlyList<string> roles, string? actor = null, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        ValidateUserId(userId);
        await ValidateRolesAsync(tenantId, roles, cancellationToken).ConfigureAwait(false);
        var result = await _store.ChangeMemberAsync(tenantId, userId, roles.Distinct(StringComparer.Ordinal).ToArray(), cancellationToken).ConfigureAwait(false);
        Invalidate(tenantId, userId);
        await AuditAsync(tenantId, "member.roles_changed", userId, actor, cancellationToken, result).ConfigureAwait(false);
        return result;
    }

    /// <summary>Removes a member; refused when it is the tenant's last owner.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="userId">The user.</param>
    /// <param name="actor">Who removes the member, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The outcome.</returns>
    public async Task<MembershipChange> RemoveMemberAsync(string tenantId, string userId, string? actor = null, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        ValidateUserId(userId);
        var result = await _store.ChangeMemberAsync(tenantId, userId, null, cancellationToken).ConfigureAwait(false);
        Invalidate(tenantId, userId);
        await AuditAsync(tenantId, "member.removed", userId, actor, cancellationToken, result).ConfigureAwait(false);
        return result;
    }

    /// <summary>Lists a tenant's members.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The members.</returns>
    public Task<IReadOnlyList<TenantMember>> ListMembersAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        return _store.ListMembersAsync(tenantId, cancellationToken);
    }

    /// <summary>Lists a tenant's invitations.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The invitations.</returns>
    public Task<IReadOnlyList<TenantInvitation>> ListInvitationsAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        return _store.ListInvitationsAsync(tenantId, cancellationToken);
    }

    /// <summary>Invites an address to join the tenant with a role. Send the returned token to the invitee; it is not stored.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="email">The address.</param>
    /// <param name="role">The role (built-in or defined in the tenant).</param>
    /// <param name="actor">Who invites, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The invitation and its token.</returns>
    public async Task<CreatedTenantInvitation> InviteAsync(string tenantId, string email, string role, string? actor = null, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        var address = NormalizeEmail(email);
        await ValidateRolesAsync(tenantId, [role], cancellationToken).ConfigureAwait(false);
        var id = TenantApiKeyFormat.NewKeyId();
        var hash = new byte[TenantApiKeyFormat.HashBytes];
        var token = TenantApiKeyFormat.CreateToken(InvitationEnvironment, id, hash);
        var now = _time.GetUtcNow();
        var invitation = new TenantInvitation(id, tenantId, address, role, now, actor, now + _options.InvitationLifetime, null, null, null);
        await _store.AddInvitationAsync(invitation, hash, cancellationToken).ConfigureAwait(false);
        await AuditAsync(tenantId, "invitation.sent", "invitation:" + id, actor, cancellationToken).ConfigureAwait(false);
        return new CreatedTenantInvitation(invitation, token);
    }

    /// <summary>Issues a new token and expiry for an open invitation; the old token stops working.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="invitationId">The invitation id.</param>
    /// <param name="actor">Who resends, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The invitation and its new token, or <see langword="null"/> when it is not open.</returns>
    public async Task<CreatedTenantInvitation?> ResendAsync(string tenantId, string invitationId, string? actor = null, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        ArgumentNullException.ThrowIfNull(invitationId);
        if (!TenantApiKeyFormat.IsKeyId(invitationId))
        {
            return null;
        }

        var hash = new byte[TenantApiKeyFormat.HashBytes];
        var token = TenantApiKeyFormat.CreateToken(InvitationEnvironment, invitationId, hash);
        var now = _time.GetUtcNow();
        var renewed = await _store.RenewInvitationAsync(tenantId, invitationId, hash, now, now + _options.InvitationLifetime, cancellationToken).ConfigureAwait(false);
        if (renewed is null)
        {
            return null;
        }

        await AuditAsync(tenantId, "invitation.resent", "invitation:" + invitationId, actor, cancellationToken).ConfigureAwait(false);
        return new CreatedTenantInvitation(renewed, token);
    }

    /// <summary>Revokes an open invitation.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="invitationId">The invitation id.</param>
    /// <param name="actor">Who revokes, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when it was open.</returns>
    public async Task<bool> RevokeInvitationAsync(string tenantId, string invitationId, string? actor = null, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        ArgumentNullException.ThrowIfNull(invitationId);
        if (!TenantApiKeyFormat.IsKeyId(invitationId) || !await _store.RevokeInvitationAsync(tenantId, invitationId, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await AuditAsync(tenantId, "invitation.revoked", "invitation:" + invitationId, actor, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Accepts an invitation of <paramref name="tenantId"/> for <paramref name="userId"/>: the user becomes a member with the
    /// invitation's role. A token works once, only in its own tenant, only before it expires and unless revoked;
    /// every failure looks the same.
    /// </summary>
    /// <param name="tenantId">The tenant the invitation is for.</param>
    /// <param name="token">The token from the invitation.</param>
    /// <param name="userId">The accepting (authenticated) user.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The membership, or <see langword="null"/> when the token does not work.</returns>
    public async Task<TenantMember?> AcceptAsync(string tenantId, string token, string userId, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        ArgumentNullException.ThrowIfNull(token);
        ValidateUserId(userId);
        var secret = new byte[TenantApiKeyFormat.SecretBytes];
        if (!TenantApiKeyFormat.TryParse(token, InvitationEnvironment, out var idSpan, secret))
        {
            return null;
        }

        var id = idSpan.ToString();
        var found = await _store.FindInvitationAsync(tenantId, id, cancellationToken).ConfigureAwait(false);
        var hash = new byte[TenantApiKeyFormat.HashBytes];
        TenantApiKeyFormat.HashSecret(secret, hash);
        var now = _time.GetUtcNow();
        if (found is not { } invitation || !CryptographicOperations.FixedTimeEquals(hash, invitation.TokenHash) || !invitation.Invitation.IsOpenAt(now)
            || !await _store.TryAcceptInvitationAsync(tenantId, id, userId, now, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var member = await _store.AddMemberAsync(new TenantMember(tenantId, userId, invitation.Invitation.Email, [invitation.Invitation.Role], now), cancellationToken).ConfigureAwait(false);
        Invalidate(tenantId, userId);
        await AuditAsync(tenantId, "invitation.accepted", "invitation:" + id, userId, cancellationToken).ConfigureAwait(false);
        return member;
    }

    /// <summary>Deletes every member, tenant role and invitation of a tenant (offboarding).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>The number of rows deleted.</returns>
    public async Task<int> DeleteAllAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        var deleted = await _store.DeleteAllAsync(tenantId, cancellationToken).ConfigureAwait(false);
        Invalidate(tenantId);
        return deleted;
    }

    private async Task ValidateRolesAsync(string tenantId, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Count == 0)
        {
            throw new ArgumentException("At least one role is needed.", nameof(roles));
        }

        var defined = await GetRolesAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (roles.FirstOrDefault(r => r is null || !defined.ContainsKey(r)) is { } unknown || roles.Any(r => r is null))
        {
            throw new ArgumentException($"The role '{roles.FirstOrDefault(r => r is null || !defined.ContainsKey(r))}' is not defined in this tenant.", nameof(roles));
        }
    }

    private static void ValidateUserId(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (userId.Length > 200 || userId.AsSpan().ContainsAnyInRange('\u0000', '\u001f'))
        {
            throw new ArgumentException("A user id is 1 to 200 characters without control characters.", nameof(userId));
        }
    }

    private static string NormalizeEmail(string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        if (email.Length > 254 || !MailAddress.TryCreate(email, out var address) || !string.Equals(address.Address, email.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("Not a valid e-mail address.", nameof(email));
        }

        return address.Address.ToLowerInvariant();
    }

    private Task AuditAsync(string tenantId, string action, string target, string? actor, CancellationToken cancellationToken, MembershipChange result = MembershipChange.Done) =>
        _audit is null
            ? Task.CompletedTask
            : _audit.WriteAsync(
                tenantId,
                new AuditEvent(action, target, result == MembershipChange.Done ? AuditOutcome.Success : AuditOutcome.Denied) { ActorKind = actor is null ? null : AuditActorKind.User, ActorId = actor, Details = result == MembershipChange.Done ? null : result.ToString() },
                cancellationToken);
}

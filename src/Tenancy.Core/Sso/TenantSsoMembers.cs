using Tenancy.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tenancy.Members;

namespace Tenancy.Sso;

/// <summary>
/// Maps a person signed in through a tenant's provider to a member of that tenant: first by the link issuer + subject
/// made at an earlier sign-in, then (when <see cref="TenantSsoSettings.MatchVerifiedEmail"/>) by a verified e-mail equal to
/// an existing member's — members added by SCIM provisioning or invitation are linked, never duplicated — and last by
/// creating a member just-in-time (when <see cref="TenantSsoSettings.CreateMembers"/>). Works only inside the tenant of the
/// settings it is given.
/// </summary>
public sealed class TenantSsoMembers
{
    private readonly ITenantSsoStore _store;
    private readonly TenantMembershipService _members;
    private readonly ITenantMemberStore _memberStore;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    /// <param name="store">Keeps the external logins.</param>
    /// <param name="members">The tenant members.</param>
    /// <param name="memberStore">Finds members by user id.</param>
    /// <param name="logger">The logger.</param>
    public TenantSsoMembers(ITenantSsoStore store, TenantMembershipService members, ITenantMemberStore memberStore, ILogger<TenantSsoMembers>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(memberStore);
        _store = store;
        _members = members;
        _memberStore = memberStore;
        _logger = logger ?? NullLogger<TenantSsoMembers>.Instance;
    }

    /// <summary>Finds or creates the member an external identity signs in as.</summary>
    /// <param name="settings">The tenant's provider, whose issuer validated <paramref name="identity"/>.</param>
    /// <param name="identity">The validated identity.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The member, or <see langword="null"/> when no member matches and just-in-time creation is off.</returns>
    /// <exception cref="ArgumentException">The identity's issuer is not the tenant's.</exception>
    public async Task<TenantMember?> FindOrCreateAsync(TenantSsoSettings settings, TenantExternalIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentException.ThrowIfNullOrEmpty(identity.Subject);
        if (!string.Equals(identity.Issuer, settings.EffectiveIssuer, StringComparison.Ordinal))
        {
            throw new ArgumentException("The identity was not issued by the tenant's provider.", nameof(identity));
        }

        var tenantId = settings.TenantId;
        if (await _store.FindLoginAsync(tenantId, identity.Issuer, identity.Subject, cancellationToken).ConfigureAwait(false) is { } linked)
        {
            if (await FindMemberAsync(tenantId, linked, cancellationToken).ConfigureAwait(false) is { } member)
            {
                return member;
            }

            // The member was removed since: the link alone grants nothing; fall through as a first sign-in.
        }

        string userId;
        string how;
        if (settings.MatchVerifiedEmail && identity.EmailVerified && identity.Email is { Length: > 0 } email
            && await FindByEmailAsync(tenantId, email, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            userId = existing.UserId;
            how = "verified e-mail";
        }
        else if (settings.CreateMembers)
        {
            userId = "sso_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            how = "created";
        }
        else
        {
            Log.SsoMemberRefused(_logger, identity.Issuer, tenantId);
            return null;
        }

        // The link is written first and atomically: a concurrent first sign-in of the same person ends on one user id.
        var winner = await _store.AddLoginAsync(tenantId, identity.Issuer, identity.Subject, userId, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(winner, userId, StringComparison.Ordinal) && await FindMemberAsync(tenantId, winner, cancellationToken).ConfigureAwait(false) is { } raced)
        {
            return raced;
        }

        userId = winner;
        var found = await FindMemberAsync(tenantId, userId, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            found = await _members.AddMemberAsync(tenantId, userId, identity.EmailVerified ? identity.Email : null, settings.DefaultRoles, actor: "sso", cancellationToken).ConfigureAwait(false);
        }

        Log.SsoMemberLinked(_logger, identity.Issuer, userId, tenantId, how);
        return found;
    }

    private Task<TenantMember?> FindMemberAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        _memberStore.FindMemberAsync(tenantId, userId, cancellationToken);

    private async Task<TenantMember?> FindByEmailAsync(string tenantId, string email, CancellationToken cancellationToken)
    {
        var matches = (await _members.ListMembersAsync(tenantId, cancellationToken).ConfigureAwait(false))
            .Where(m => string.Equals(m.Email, email.Trim(), StringComparison.OrdinalIgnoreCase))
            .Take(2)
            .ToArray();
        return matches.Length == 1 ? matches[0] : null; // Two members with one address: ambiguous, never guess.
    }
}

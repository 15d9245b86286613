namespace Tenancy.Sso;

/// <summary>Keeps each tenant's <see cref="TenantSsoSettings"/> (at most one provider per tenant). Singletons, thread-safe.</summary>
public interface ITenantSsoStore
{
    /// <summary>Finds a tenant's settings.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The settings, or <see langword="null"/>.</returns>
    Task<TenantSsoSettings?> FindAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Lists every tenant's settings (to index them by issuer).</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The settings.</returns>
    Task<IReadOnlyList<TenantSsoSettings>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces a tenant's settings.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    Task SaveAsync(TenantSsoSettings settings, CancellationToken cancellationToken = default);

    /// <summary>Deletes a tenant's settings and every external login of the tenant.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>Whether anything was deleted.</returns>
    Task<bool> DeleteAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Finds the member an external identity signed in as before.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="issuer">The validated issuer.</param>
    /// <param name="subject">The validated subject.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The user id, or <see langword="null"/>.</returns>
    Task<string?> FindLoginAsync(string tenantId, string issuer, string subject, CancellationToken cancellationToken = default);

    /// <summary>
    /// Links an external identity to a member. Atomic: when the identity is already linked the existing user id is
    /// returned and nothing changes, so two concurrent first sign-ins end on one member.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="issuer">The validated issuer.</param>
    /// <param name="subject">The validated subject.</param>
    /// <param name="userId">The member's user id.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The user id the identity is linked to.</returns>
    Task<string> AddLoginAsync(string tenantId, string issuer, string subject, string userId, CancellationToken cancellationToken = default);
}

namespace Tenancy;

/// <summary>
/// The ambient current tenant. It flows with the async control flow (<c>await</c>, <c>Task.Run</c>), can be switched
/// for a block with <see cref="Begin(TenantInfo?)"/> and is captured explicitly for queued work with <see cref="Capture"/>.
/// </summary>
/// <example>
/// <code>
/// using (currentTenant.Begin(acme))
/// {
///     await orders.ToListAsync(); // acme's rows only
/// }
/// </code>
/// </example>
public interface ICurrentTenant
{
    /// <summary>The current tenant, or <see langword="null"/> when none is set (host context).</summary>
    TenantInfo? Tenant { get; }

    /// <summary>The current tenant's id, or <see langword="null"/> when none is set.</summary>
    string? Id { get; }

    /// <summary>Whether a tenant is set.</summary>
    bool IsSet { get; }

    /// <summary>Returns the current tenant or throws <see cref="TenantNotResolvedException"/> when none is set.</summary>
    /// <returns>The current tenant.</returns>
    TenantInfo GetRequiredTenant();

    /// <summary>
    /// Makes <paramref name="tenant"/> current until the returned scope is disposed, which restores the previous
    /// tenant. Scopes nest. Pass <see langword="null"/> to run a block in the host context (no tenant).
    /// </summary>
    /// <param name="tenant">The tenant to make current, or <see langword="null"/> for none.</param>
    /// <returns>A scope that restores the previous tenant when disposed.</returns>
    TenantScope Begin(TenantInfo? tenant);

    /// <summary>Captures the current tenant so that queued or background work can restore it later with <see cref="TenantContextSnapshot.Restore"/>.</summary>
    /// <returns>The snapshot.</returns>
    TenantContextSnapshot Capture();
}

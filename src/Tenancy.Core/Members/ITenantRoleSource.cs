namespace Tenancy.Members;

/// <summary>
/// An extra source of a user's roles in a tenant, added to the roles of membership (for example SCIM group → role
/// mappings). Register implementations as <c>services.AddSingleton&lt;ITenantRoleSource, MySource&gt;()</c>; call
/// <see cref="TenantMembershipService.Invalidate"/> when what a source returns changes.
/// </summary>
public interface ITenantRoleSource
{
    /// <summary>The source's name, for logs.</summary>
    string Name { get; }

    /// <summary>Returns the roles <paramref name="userId"/> holds in <paramref name="tenantId"/> through this source.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The role names (built-in or tenant-defined; unknown names grant nothing).</returns>
    ValueTask<IReadOnlyCollection<string>> GetRolesAsync(string tenantId, string userId, CancellationToken cancellationToken = default);
}

using System.Text.Json.Nodes;
using Tenancy.Scim.Resources;
using Tenancy.Scim.Schema;

namespace Tenancy.Scim.Stores;

/// <summary>
/// Where a tenant's SCIM directory lives. Every call runs with the tenant current (<see cref="ICurrentTenant"/>) and
/// must only see and change that tenant's resources. The default is the EF Core store
/// (<c>scim.UseEntityFrameworkStore&lt;TContext&gt;()</c>); implement this to bring your own.
/// Errors are <see cref="Errors.ScimException"/>s (404, 409 uniqueness, 412, 400 invalidFilter/invalidValue).
/// </summary>
public interface IScimStore
{
    /// <summary>Finds a resource by id.</summary>
    /// <param name="kind">User or group.</param>
    /// <param name="id">The id.</param>
    /// <param name="includeRelated">Whether to load members (groups) or groups (users).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The resource, or <see langword="null"/>.</returns>
    Task<ScimResource?> FindAsync(ScimResourceKind kind, string id, bool includeRelated, CancellationToken cancellationToken);

    /// <summary>Lists resources matching a filter; the filter is answered by the database.</summary>
    /// <param name="kind">User or group.</param>
    /// <param name="query">The filter and paging.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The page.</returns>
    Task<ScimPage> QueryAsync(ScimResourceKind kind, ScimQuery query, CancellationToken cancellationToken);

    /// <summary>Creates a resource.</summary>
    /// <param name="kind">User or group.</param>
    /// <param name="attributes">The validated canonical document.</param>
    /// <param name="members">For groups, the initial members.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The stored resource.</returns>
    Task<ScimResource> CreateAsync(ScimResourceKind kind, JsonObject attributes, IReadOnlyList<string> members, CancellationToken cancellationToken);

    /// <summary>Replaces a resource's document and applies membership changes, all or nothing.</summary>
    /// <param name="kind">User or group.</param>
    /// <param name="id">The id.</param>
    /// <param name="attributes">The new canonical document.</param>
    /// <param name="memberChanges">For groups, the membership changes in order.</param>
    /// <param name="expectedVersion">The version the change was computed from; a different stored version fails with 412.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The stored resource.</returns>
    Task<ScimResource> UpdateAsync(ScimResourceKind kind, string id, JsonObject attributes, IReadOnlyList<ScimMemberChange> memberChanges, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes a resource and its memberships.</summary>
    /// <param name="kind">User or group.</param>
    /// <param name="id">The id.</param>
    /// <param name="expectedVersion">The version that must be stored, or <see langword="null"/> for any.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Whether it existed.</returns>
    Task<bool> DeleteAsync(ScimResourceKind kind, string id, long? expectedVersion, CancellationToken cancellationToken);
}

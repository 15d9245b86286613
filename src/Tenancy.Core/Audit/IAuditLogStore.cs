namespace Tenancy.Audit;

/// <summary>
/// Keeps audit entries, append-only. <see cref="AppendAsync"/> must serialise appends per tenant (the new entry links
/// to the last one), for example with a PostgreSQL advisory lock inside the inserting transaction. There is no update
/// or delete. Implementations are singletons and thread-safe.
/// </summary>
public interface IAuditLogStore
{
    /// <summary>Appends an entry after the tenant's last one.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="create">Builds the new entry from the tenant's last entry (<see langword="null"/> for the first); called inside the per-tenant lock.</param>
    /// <param name="cancellationToken">Cancels the append.</param>
    /// <returns>The stored entry.</returns>
    Task<AuditEntry> AppendAsync(string tenantId, Func<AuditEntry?, AuditEntry> create, CancellationToken cancellationToken = default);

    /// <summary>Reads a tenant's entries matching <paramref name="query"/> in sequence order (all of them, ignoring <see cref="AuditQuery.Limit"/>), streamed.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="query">The filters and cursor.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries.</returns>
    IAsyncEnumerable<AuditEntry> ReadAsync(string tenantId, AuditQuery query, CancellationToken cancellationToken = default);
}

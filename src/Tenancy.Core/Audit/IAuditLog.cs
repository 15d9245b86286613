namespace Tenancy.Audit;

/// <summary>
/// The tenant audit log: one call to record (<see cref="WriteAsync(AuditEvent, CancellationToken)"/>), queries with
/// keyset paging, a streamed CSV export and a verification of the hash chain. There is no update or delete.
/// </summary>
public interface IAuditLog
{
    /// <summary>Records an event for the current tenant.</summary>
    /// <param name="auditEvent">What happened.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored entry.</returns>
    /// <exception cref="TenantNotResolvedException">No tenant is current.</exception>
    Task<AuditEntry> WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    /// <summary>Records an event for <paramref name="tenantId"/>.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="auditEvent">What happened.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored entry.</returns>
    Task<AuditEntry> WriteAsync(string tenantId, AuditEvent auditEvent, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of a tenant's entries.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="query">Filters, cursor and page size.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page.</returns>
    Task<AuditPage> QueryAsync(string tenantId, AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Writes a tenant's matching entries to <paramref name="output"/> as CSV (RFC 4180), streamed.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="query">Filters (the page size is ignored: every matching entry is written).</param>
    /// <param name="output">Receives UTF-8 CSV.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The number of entries written.</returns>
    Task<long> ExportCsvAsync(string tenantId, AuditQuery query, Stream output, CancellationToken cancellationToken = default);

    /// <summary>Checks a tenant's whole chain: every entry's hash, its link to the previous one, and gapless sequence numbers.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The result.</returns>
    Task<AuditVerification> VerifyAsync(string tenantId, CancellationToken cancellationToken = default);
}

using System.Globalization;
using System.Text;

namespace Tenancy.Audit;

/// <summary>The <see cref="IAuditLog"/> over an <see cref="IAuditLogStore"/>. Registered by <c>AddAuditLog()</c>.</summary>
public sealed class AuditLog : IAuditLog
{
    private static readonly string[] CsvHeader =
        ["sequence", "timestamp", "actor_kind", "actor_id", "action", "target", "outcome", "request_id", "source_ip", "details", "previous_hash", "hash"];

    private readonly IAuditLogStore _store;
    private readonly ICurrentTenant _currentTenant;
    private readonly TimeProvider _time;
    private readonly IAuditContextAccessor? _context;

    /// <summary>Creates the log.</summary>
    /// <param name="store">Keeps the entries.</param>
    /// <param name="currentTenant">The current tenant, for <see cref="WriteAsync(AuditEvent, CancellationToken)"/>.</param>
    /// <param name="time">The clock.</param>
    /// <param name="context">Describes the current caller, or <see langword="null"/>.</param>
    public AuditLog(IAuditLogStore store, ICurrentTenant currentTenant, TimeProvider? time = null, IAuditContextAccessor? context = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(currentTenant);
        _store = store;
        _currentTenant = currentTenant;
        _time = time ?? TimeProvider.System;
        _context = context;
    }

    /// <inheritdoc />
    public Task<AuditEntry> WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
        WriteAsync(_currentTenant.GetRequiredTenant().Id, auditEvent, cancellationToken);

    /// <inheritdoc />
    public Task<AuditEntry> WriteAsync(string tenantId, AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (auditEvent.Details is { Length: > 2000 })
        {
            throw new ArgumentException("Audit details are at most 2,000 characters.", nameof(auditEvent));
        }

        var caller = _context?.GetCurrent();
        var filled = auditEvent with
        {
            RequestId = auditEvent.RequestId ?? caller?.RequestId,
            SourceIp = auditEvent.SourceIp ?? caller?.SourceIp,
        };
        var kind = auditEvent.ActorKind ?? caller?.ActorKind ?? AuditActorKind.System;
        var actorId = auditEvent.ActorId ?? (auditEvent.ActorKind is null ? caller?.ActorId : null);
        var now = _time.GetUtcNow();
        return _store.AppendAsync(tenantId, previous => AuditChain.Next(tenantId, previous, now, kind, actorId, filled), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AuditPage> QueryAsync(string tenantId, AuditQuery query, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        ArgumentNullException.ThrowIfNull(query);
        var entries = new List<AuditEntry>(Math.Min(query.Limit + 1, 128));
        await foreach (var entry in _store.ReadAsync(tenantId, query, cancellationToken).ConfigureAwait(false))
        {
            if (entries.Count == query.Limit)
            {
                return new AuditPage(entries, entries[^1].Sequence);
            }

            entries.Add(entry);
        }

        return new AuditPage(entries, null);
    }

    /// <inheritdoc />
    public async Task<long> ExportCsvAsync(string tenantId, AuditQuery query, Stream output, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new StreamWriter(output, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteLineAsync(string.Join(',', CsvHeader)).ConfigureAwait(false);
            long count = 0;
            await foreach (var e in _store.ReadAsync(tenantId, query, cancellationToken).ConfigureAwait(false))
            {
                string?[] fields =
                [
                    e.Sequence.ToString(CultureInfo.InvariantCulture), e.Timestamp.ToString("O", CultureInfo.InvariantCulture),
                    e.ActorKind.ToString(), e.ActorId, e.Action, e.Target, e.Outcome.ToString(), e.RequestId, e.SourceIp, e.Details,
                    e.PreviousHash, e.Hash,
                ];
                await writer.WriteLineAsync(string.Join(',', fields.Select(Csv))).ConfigureAwait(false);
                if (++count % 256 == 0)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return count;
        }
    }

    /// <inheritdoc />
    public async Task<AuditVerification> VerifyAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        long checkedCount = 0;
        AuditEntry? previous = null;
        await foreach (var entry in _store.ReadAsync(tenantId, new AuditQuery(), cancellationToken).ConfigureAwait(false))
        {
            checkedCount++;
            var expectedSequence = (previous?.Sequence ?? 0) + 1;
            if (entry.Sequence != expectedSequence)
            {
                return new AuditVerification(false, checkedCount, expectedSequence, $"Entry {expectedSequence} is missing or out of order (found {entry.Sequence}).");
            }

            if (!string.Equals(entry.PreviousHash, previous?.Hash ?? AuditChain.Genesis, StringComparison.Ordinal))
            {
                return new AuditVerification(false, checkedCount, entry.Sequence, $"Entry {entry.Sequence} does not link to the entry before it.");
            }

            if (!string.Equals(entry.TenantId, tenantId, StringComparison.Ordinal) || !string.Equals(AuditChain.ComputeHash(entry), entry.Hash, StringComparison.Ordinal))
            {
                return new AuditVerification(false, checkedCount, entry.Sequence, $"Entry {entry.Sequence} was changed after it was written.");
            }

            previous = entry;
        }

        return new AuditVerification(true, checkedCount, null, null);
    }

    /// <summary>Quotes a CSV field when needed, and neutralises spreadsheet formulas (CWE-1236).</summary>
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tenancy.Audit;

/// <summary>
/// The hash chain of audit entries. Each field is written length-prefixed (so no two different entries serialise alike)
/// into SHA-256 together with the previous entry's hash.
/// </summary>
public static class AuditChain
{
    /// <summary>The <see cref="AuditEntry.PreviousHash"/> of a tenant's first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Builds the entry that follows <paramref name="previous"/> (or the first one), hash included.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="previous">The tenant's last entry, or <see langword="null"/>.</param>
    /// <param name="timestamp">The time of the new entry.</param>
    /// <param name="actorKind">Who did it.</param>
    /// <param name="actorId">The actor's id.</param>
    /// <param name="auditEvent">What happened.</param>
    /// <returns>The new entry.</returns>
    public static AuditEntry Next(string tenantId, AuditEntry? previous, DateTimeOffset timestamp, AuditActorKind actorKind, string? actorId, AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(auditEvent);
        var at = Truncate(timestamp);
        var entry = new AuditEntry(
            tenantId,
            (previous?.Sequence ?? 0) + 1,
            at,
            actorKind,
            actorId,
            auditEvent.Action,
            auditEvent.Target,
            auditEvent.Outcome,
            auditEvent.RequestId,
            auditEvent.SourceIp,
            auditEvent.Details,
            previous?.Hash ?? Genesis,
            string.Empty);
        return entry with { Hash = ComputeHash(entry) };
    }

    /// <summary>Computes the hash an entry must carry.</summary>
    /// <param name="entry">The entry (its own <see cref="AuditEntry.Hash"/> is ignored).</param>
    /// <returns>The lowercase hex SHA-256.</returns>
    public static string ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        AppendString(hash, entry.TenantId);
        BinaryPrimitives.WriteInt64BigEndian(number, entry.Sequence);
        hash.AppendData(number);
        BinaryPrimitives.WriteInt64BigEndian(number, entry.Timestamp.UtcTicks);
        hash.AppendData(number);
        BinaryPrimitives.WriteInt64BigEndian(number, (long)entry.ActorKind);
        hash.AppendData(number);
        AppendString(hash, entry.ActorId);
        AppendString(hash, entry.Action);
        AppendString(hash, entry.Target);
        BinaryPrimitives.WriteInt64BigEndian(number, (long)entry.Outcome);
        hash.AppendData(number);
        AppendString(hash, entry.RequestId);
        AppendString(hash, entry.SourceIp);
        AppendString(hash, entry.Details);
        AppendString(hash, entry.PreviousHash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Truncates a time to whole microseconds in UTC, the precision databases keep.</summary>
    /// <param name="timestamp">The time.</param>
    /// <returns>The truncated UTC time.</returns>
    public static DateTimeOffset Truncate(DateTimeOffset timestamp)
    {
        var ticks = timestamp.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    private static void AppendString(IncrementalHash hash, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            hash.AppendData(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}

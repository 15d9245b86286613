using Tenancy.Storage.Exceptions;

namespace Tenancy.Storage.Keys;

/// <summary>
/// Builds physical keys: <c>{root prefix}/{tenant segment}/{key}</c>. The only place that joins a tenant id to a key, so
/// that no caller can build a prefix. Tenant ids are re-validated here (they are also the folder names on disk).
/// </summary>
/// <remarks>
/// Tenant ids are case-sensitive (<c>T-Acme</c> and <c>t-acme</c> are two tenants), but case-insensitive file systems
/// and some S3 consumers fold case. So the tenant segment is written in lowercase only: an id without uppercase letters
/// is its own segment, and each uppercase letter of any other id is written as <c>!</c> followed by its lowercase
/// (<c>T-Acme</c> → <c>!t-!acme</c>). <c>!</c> is not in the tenant-id alphabet, so the mapping is injective even after
/// case folding: no two ids ever share a folder or a prefix.
/// </remarks>
internal sealed class TenantKeyspace
{
    /// <summary>Marks an uppercase letter in a tenant segment.</summary>
    public const char UppercaseMark = '!';

    public TenantKeyspace(string rootPrefix, int maxSegmentUtf8Bytes)
    {
        RootPrefix = rootPrefix;
        MaxSegmentUtf8Bytes = maxSegmentUtf8Bytes;
        _rootBytes = rootPrefix.Length == 0 ? 0 : System.Text.Encoding.UTF8.GetByteCount(rootPrefix) + 1;
    }

    private readonly int _rootBytes;

    /// <summary>The root prefix without slashes ("" for none).</summary>
    public string RootPrefix { get; }

    public int MaxSegmentUtf8Bytes { get; }

    /// <summary><c>{root}/{tenant segment}/</c>.</summary>
    public string TenantPrefix(string tenantId)
    {
        EnsureValid(tenantId);
        return Join(tenantId, "");
    }

    /// <summary>How many UTF-8 bytes a tenant-relative key may have under <paramref name="tenantId"/>.</summary>
    public int MaxRelativeKeyBytes(string tenantId) =>
        ObjectKey.MaxUtf8Bytes - _rootBytes - SegmentLength(tenantId) - 1;

    /// <summary>Validates <paramref name="key"/> and returns <c>{root}/{tenant segment}/{key}</c> in one allocation.</summary>
    public string ObjectPath(string tenantId, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        EnsureValid(tenantId);
        var error = ObjectKey.Check(key, MaxRelativeKeyBytes(tenantId), MaxSegmentUtf8Bytes);
        if (error != ObjectKeyError.None)
        {
            throw new InvalidObjectKeyException(key, error);
        }

        return Join(tenantId, key);
    }

    /// <summary>Validates a listing prefix and returns <c>{root}/{tenant segment}/{prefix}</c>.</summary>
    public string ListPrefix(string tenantId, string? prefix)
    {
        EnsureValid(tenantId);
        if (string.IsNullOrEmpty(prefix))
        {
            return Join(tenantId, "");
        }

        var error = ObjectKey.CheckPrefix(prefix, MaxRelativeKeyBytes(tenantId));
        if (error != ObjectKeyError.None)
        {
            throw new InvalidObjectKeyException(prefix, error);
        }

        return Join(tenantId, prefix);
    }

    /// <summary>Returns the tenant-relative part of a physical key, or <see langword="null"/> when it is not the tenant's.</summary>
    public static string? Relative(string tenantPrefix, string physicalKey) =>
        physicalKey.Length > tenantPrefix.Length && physicalKey.StartsWith(tenantPrefix, StringComparison.Ordinal)
            ? physicalKey[tenantPrefix.Length..]
            : null;

    /// <summary>The tenant segment of <paramref name="tenantId"/> (see the remarks); allocates only for ids with uppercase letters.</summary>
    public static string Segment(string tenantId)
    {
        EnsureValid(tenantId);
        var length = SegmentLength(tenantId);
        return length == tenantId.Length ? tenantId : string.Create(length, tenantId, static (span, id) => WriteSegment(id, span));
    }

    /// <summary>Reads a tenant segment back into the tenant id; <see langword="false"/> when it is not a segment this class writes.</summary>
    public static bool TryReadSegment(ReadOnlySpan<char> segment, out string tenantId)
    {
        tenantId = "";
        Span<char> id = stackalloc char[TenantId.MaxLength];
        var length = 0;
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (char.IsAsciiLetterUpper(c) || length == id.Length)
            {
                return false;
            }

            if (c == UppercaseMark)
            {
                if (++i == segment.Length || !char.IsAsciiLetterLower(segment[i]))
                {
                    return false;
                }

                c = char.ToUpperInvariant(segment[i]);
            }

            id[length++] = c;
        }

        if (!TenantId.IsValid(id[..length]))
        {
            return false;
        }

        tenantId = id[..length].ToString();
        return true;
    }

    private static void EnsureValid(string tenantId)
    {
        if (!TenantId.IsValid(tenantId))
        {
            throw new InvalidTenantIdException(tenantId, $"'{tenantId}' is not a valid tenant id.");
        }
    }

    private static int SegmentLength(ReadOnlySpan<char> tenantId)
    {
        var length = tenantId.Length;
        foreach (var c in tenantId)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                length++;
            }
        }

        return length;
    }

    private static int WriteSegment(ReadOnlySpan<char> tenantId, Span<char> destination)
    {
        var at = 0;
        foreach (var c in tenantId)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                destination[at++] = UppercaseMark;
                destination[at++] = (char)(c | 0x20);
            }
            else
            {
                destination[at++] = c;
            }
        }

        return at;
    }

    private string Join(string tenantId, string key)
    {
        var root = RootPrefix;
        var length = (root.Length == 0 ? 0 : root.Length + 1) + SegmentLength(tenantId) + 1 + key.Length;
        return string.Create(length, (root, tenantId, key), static (span, state) =>
        {
            var (r, t, k) = state;
            var at = 0;
            if (r.Length > 0)
            {
                r.AsSpan().CopyTo(span);
                at = r.Length;
                span[at++] = '/';
            }

            at += WriteSegment(t, span[at..]);
            span[at++] = '/';
            k.AsSpan().CopyTo(span[at..]);
        });
    }
}

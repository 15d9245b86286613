namespace Tenancy.Storage;

/// <summary>
/// Builds physical keys: <c>{root prefix}/{tenant id}/{key}</c>. The only place that joins a tenant id to a key, so
/// that no caller can build a prefix. Tenant ids are re-validated here (they are also the folder names on disk).
/// </summary>
internal sealed class TenantKeyspace
{
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

    /// <summary><c>{root}/{tenant}/</c>.</summary>
    public string TenantPrefix(string tenantId)
    {
        if (!TenantId.IsValid(tenantId))
        {
            throw new InvalidTenantIdentifierException(tenantId, $"'{tenantId}' is not a valid tenant id.");
        }

        return RootPrefix.Length == 0 ? tenantId + "/" : string.Concat(RootPrefix, "/", tenantId, "/");
    }

    /// <summary>How many UTF-8 bytes a tenant-relative key may have under <paramref name="tenantId"/>.</summary>
    public int MaxRelativeKeyBytes(string tenantId) =>
        ObjectKey.MaxUtf8Bytes - _rootBytes - tenantId.Length - 1;

    /// <summary>Validates <paramref name="key"/> and returns <c>{root}/{tenant}/{key}</c> in one allocation.</summary>
    public string ObjectPath(string tenantId, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!TenantId.IsValid(tenantId))
        {
            throw new InvalidTenantIdentifierException(tenantId, $"'{tenantId}' is not a valid tenant id.");
        }

        var error = ObjectKey.Check(key, MaxRelativeKeyBytes(tenantId), MaxSegmentUtf8Bytes);
        if (error != ObjectKeyError.None)
        {
            throw new InvalidObjectKeyException(key, error);
        }

        return Join(tenantId, key);
    }

    /// <summary>Validates a listing prefix and returns <c>{root}/{tenant}/{prefix}</c>.</summary>
    public string ListPrefix(string tenantId, string? prefix)
    {
        var tenantPrefix = TenantPrefix(tenantId);
        if (string.IsNullOrEmpty(prefix))
        {
            return tenantPrefix;
        }

        var error = ObjectKey.CheckPrefix(prefix, MaxRelativeKeyBytes(tenantId));
        if (error != ObjectKeyError.None)
        {
            throw new InvalidObjectKeyException(prefix, error);
        }

        return tenantPrefix + prefix;
    }

    /// <summary>Returns the tenant-relative part of a physical key, or <see langword="null"/> when it is not the tenant's.</summary>
    public static string? Relative(string tenantPrefix, string physicalKey) =>
        physicalKey.Length > tenantPrefix.Length && physicalKey.StartsWith(tenantPrefix, StringComparison.Ordinal)
            ? physicalKey[tenantPrefix.Length..]
            : null;

    private string Join(string tenantId, string key)
    {
        var root = RootPrefix;
        var length = (root.Length == 0 ? 0 : root.Length + 1) + tenantId.Length + 1 + key.Length;
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

            t.AsSpan().CopyTo(span[at..]);
            at += t.Length;
            span[at++] = '/';
            k.AsSpan().CopyTo(span[at..]);
        });
    }
}

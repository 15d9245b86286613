namespace Tenancy.Storage.Objects;

/// <summary>Options for <see cref="ITenantObjectStore.PutAsync"/>.</summary>
public sealed class ObjectPutOptions
{
    /// <summary>The content type. Defaults to <c>application/octet-stream</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// User metadata. Names are ASCII letters, digits, <c>-</c> and <c>_</c> and are stored lowercase; values are printable
    /// ASCII. Together at most 2 KB (S3's limit).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

namespace Tenancy.Storage.Serving;

/// <summary>
/// The response headers under which an object may be served (transport-neutral: apply <see cref="Headers"/> to any HTTP
/// response). Computed by <see cref="ObjectServingPolicy"/>; never from the uploaded content type alone.
/// </summary>
/// <param name="ContentType">The <c>Content-Type</c> to send: an allow-listed type, or <c>application/octet-stream</c>.</param>
/// <param name="ContentDisposition">The <c>Content-Disposition</c>: <c>inline</c> or <c>attachment</c>, with the key's last segment as the file name.</param>
/// <param name="IsInline">Whether the browser may render the object.</param>
public sealed record SafeContentHeaders(string ContentType, string ContentDisposition, bool IsInline)
{
    /// <summary>The <c>X-Content-Type-Options</c> header's name.</summary>
    public const string ContentTypeOptionsHeader = "X-Content-Type-Options";

    /// <summary>The <c>X-Content-Type-Options</c> value, always sent: browsers must not guess another type.</summary>
    public const string NoSniff = "nosniff";

    /// <summary>The <c>Content-Security-Policy</c> header's name.</summary>
    public const string ContentSecurityPolicyHeader = "Content-Security-Policy";

    /// <summary>
    /// The <c>Content-Security-Policy</c> value, always sent: a document opened from the object is sandboxed (a unique
    /// origin, no scripts, no forms, no plugins) and may load nothing.
    /// </summary>
    public const string ContentSecurityPolicy = "sandbox; default-src 'none'";

    /// <summary>Every header to send, in order: <c>Content-Type</c>, <c>Content-Disposition</c>, <c>X-Content-Type-Options</c>, <c>Content-Security-Policy</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers =>
    [
        new("Content-Type", ContentType),
        new("Content-Disposition", ContentDisposition),
        new(ContentTypeOptionsHeader, NoSniff),
        new(ContentSecurityPolicyHeader, ContentSecurityPolicy),
    ];
}

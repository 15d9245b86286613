using System.ComponentModel.DataAnnotations;

namespace Tenancy.Storage.Serving;

/// <summary>
/// Which content types <see cref="ObjectServingPolicy"/> lets a browser render, and which it labels truthfully on a
/// download. Everything else is served as <c>application/octet-stream</c> with <c>Content-Disposition: attachment</c>.
/// Active types (HTML, XHTML, SVG, XML, XSLT, JavaScript, CSS, MathML, Flash, WebAssembly…) are refused in both lists at
/// start-up: content a tenant uploaded is never served as active content on the application's origin.
/// </summary>
public sealed class ObjectServingOptions : IValidatableObject
{
    /// <summary>
    /// Media types served <c>inline</c> (rendered by the browser): raster images and plain text by default
    /// (<c>image/png</c>, <c>image/jpeg</c>, <c>image/gif</c>, <c>image/webp</c>, <c>image/avif</c>, <c>image/bmp</c>,
    /// <c>text/plain</c>). PDF is not inline by default (PDF viewers run scripts); add <c>application/pdf</c> if you accept that.
    /// </summary>
    public ISet<string> InlineContentTypes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp", "text/plain",
    };

    /// <summary>
    /// Media types served as an attachment under their own type (so API clients see what they get): by default
    /// <c>application/pdf</c>, <c>application/json</c>, <c>text/csv</c>, <c>application/zip</c>. With <c>nosniff</c>, a
    /// browser neither renders nor runs them (a <c>&lt;script src&gt;</c> or stylesheet link refuses these types).
    /// </summary>
    public ISet<string> DownloadContentTypes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf", "application/json", "text/csv", "application/zip",
    };

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Check(nameof(InlineContentTypes), InlineContentTypes).Concat(Check(nameof(DownloadContentTypes), DownloadContentTypes));

    private static IEnumerable<ValidationResult> Check(string member, IEnumerable<string> types)
    {
        foreach (var type in types)
        {
            if (type is null || !ObjectServingPolicy.IsMediaType(type))
            {
                yield return new ValidationResult($"ObjectServingOptions.{member}: '{type}' is not a media type (type/subtype, no parameters).", [member]);
            }
            else if (ObjectServingPolicy.IsActiveContentType(type))
            {
                yield return new ValidationResult($"ObjectServingOptions.{member}: '{type}' is active content (it can run script) and is always served as an octet-stream attachment.", [member]);
            }
        }
    }
}

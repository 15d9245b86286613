using System.Text;
using Microsoft.Extensions.Options;
using Tenancy.Storage.Objects;

namespace Tenancy.Storage.Serving;

/// <summary>
/// Decides how an object a tenant uploaded may be served, so that it is never active content on the application's
/// origin (stored XSS): <c>X-Content-Type-Options: nosniff</c> and <c>Content-Security-Policy: sandbox; default-src 'none'</c>
/// always; <c>inline</c> only for a type on <see cref="ObjectServingOptions.InlineContentTypes"/>; the declared type only
/// for a type on <see cref="ObjectServingOptions.DownloadContentTypes"/>; everything else (HTML, SVG, XML, JavaScript,
/// unknown or missing types) as <c>application/octet-stream</c>, <c>attachment</c>. The uploaded content type is only
/// ever matched against those lists, never passed through: parameters other than a plain <c>charset</c> are dropped.
/// Transport-neutral: an HTTP endpoint applies <see cref="SafeContentHeaders.Headers"/>; the S3 backend sends the same
/// type and disposition as presigned-URL response overrides.
/// </summary>
public sealed class ObjectServingPolicy
{
    private const string OctetStream = "application/octet-stream";

    private static readonly string[] ActiveFragments = ["html", "xml", "xsl", "svg", "script", "mathml"];

    private static readonly HashSet<string> ActiveTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "text/css", "application/wasm", "application/x-shockwave-flash", "application/futuresplash", "text/cache-manifest",
        "application/manifest+json", "text/x-component", "application/hta", "application/x-ms-application",
        "application/java-archive", "application/x-java-jnlp-file", "multipart/x-mixed-replace",
    };

    private readonly HashSet<string> _inline;
    private readonly HashSet<string> _download;

    /// <summary>Creates the policy from validated options.</summary>
    /// <param name="options">The allow-lists.</param>
    public ObjectServingPolicy(IOptions<ObjectServingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _inline = new HashSet<string>(value.InlineContentTypes.Where(t => !IsActiveContentType(t)), StringComparer.OrdinalIgnoreCase);
        _download = new HashSet<string>(value.DownloadContentTypes.Where(t => !IsActiveContentType(t)), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The policy with the default allow-lists.</summary>
    public static ObjectServingPolicy Default { get; } = new(Options.Create(new ObjectServingOptions()));

    /// <summary>Decides the headers for an object.</summary>
    /// <param name="info">The object's description (its key and declared content type).</param>
    /// <returns>The headers to serve it under.</returns>
    public SafeContentHeaders Decide(ObjectInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return Decide(info.Key, info.ContentType);
    }

    /// <summary>Decides the headers for an object.</summary>
    /// <param name="key">The object's key; its last segment becomes the file name.</param>
    /// <param name="declaredContentType">The content type given at upload (untrusted), or <see langword="null"/>.</param>
    /// <returns>The headers to serve it under.</returns>
    public SafeContentHeaders Decide(string key, string? declaredContentType)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (mediaType, charset) = Parse(declaredContentType);
        var fileName = key[(key.LastIndexOf('/') + 1)..];
        if (mediaType is not null && !IsActiveContentType(mediaType))
        {
            if (_inline.Contains(mediaType))
            {
                return new SafeContentHeaders(Label(mediaType, charset), Disposition("inline", fileName), IsInline: true);
            }

            if (_download.Contains(mediaType))
            {
                return new SafeContentHeaders(Label(mediaType, charset), Disposition("attachment", fileName), IsInline: false);
            }
        }

        return new SafeContentHeaders(OctetStream, Disposition("attachment", fileName), IsInline: false);
    }

    /// <summary>
    /// Returns whether a media type can run script or render a document that can (HTML, XHTML, SVG, any XML, XSLT,
    /// JavaScript/ECMAScript, CSS, MathML, Flash, WebAssembly, HTA, app manifests, multipart replace). Such types are
    /// never inline and never labelled truthfully.
    /// </summary>
    /// <param name="mediaType">A media type without parameters.</param>
    /// <returns><see langword="true"/> for an active type.</returns>
    public static bool IsActiveContentType(string mediaType)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        if (ActiveTypes.Contains(mediaType))
        {
            return true;
        }

        foreach (var fragment in ActiveFragments)
        {
            if (mediaType.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns whether <paramref name="mediaType"/> is a bare <c>type/subtype</c> of HTTP token characters.</summary>
    internal static bool IsMediaType(string mediaType)
    {
        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < mediaType.Length - 1 && mediaType.IndexOf('/', slash + 1) < 0
            && IsToken(mediaType.AsSpan(0, slash)) && IsToken(mediaType.AsSpan(slash + 1));
    }

    private static (string? MediaType, string? Charset) Parse(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared))
        {
            return (null, null);
        }

        var parts = declared.Split(';', StringSplitOptions.TrimEntries);
        var mediaType = parts[0].ToLowerInvariant();
        if (!IsMediaType(mediaType))
        {
            return (null, null);
        }

        string? charset = null;
        foreach (var parameter in parts.AsSpan(1))
        {
            var eq = parameter.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && parameter.AsSpan(0, eq).Trim().Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                var value = parameter[(eq + 1)..].Trim().Trim('"');
                charset = value.Length is > 0 and <= 40 && IsToken(value) && !value.StartsWith("utf-7", StringComparison.OrdinalIgnoreCase)
                    ? value.ToLowerInvariant()
                    : null;
            }
        }

        return (mediaType, charset);
    }

    private static string Label(string mediaType, string? charset) =>
        mediaType.StartsWith("text/", StringComparison.Ordinal) ? $"{mediaType}; charset={charset ?? "utf-8"}" : mediaType;

    /// <summary><c>{type}; filename="{ASCII fallback}"; filename*=UTF-8''{percent-encoded}</c> (RFC 6266, RFC 8187).</summary>
    internal static string Disposition(string type, string fileName)
    {
        if (fileName.Length == 0)
        {
            return type;
        }

        var ascii = new StringBuilder(fileName.Length);
        var encoded = new StringBuilder(fileName.Length * 3);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in fileName.EnumerateRunes())
        {
            ascii.Append(rune.Value is >= 0x20 and < 0x7F and not '"' and not '\\' and not '%' ? (char)rune.Value : '_');
            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                if (b < 0x80 && (char.IsAsciiLetterOrDigit((char)b) || "!#$&+-.^_`|~".Contains((char)b, StringComparison.Ordinal)))
                {
                    encoded.Append((char)b);
                }
                else
                {
                    encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return $"{type}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}";
    }

    private static bool IsToken(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return !value.IsEmpty;
    }
}

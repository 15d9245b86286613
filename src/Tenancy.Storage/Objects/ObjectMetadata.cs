namespace Tenancy.Storage.Objects;

/// <summary>Validates content types and user metadata so that both backends store the same thing (S3 sends them as HTTP headers).</summary>
internal static class ObjectMetadata
{
    public const string DefaultContentType = "application/octet-stream";
    private const int MaxMetadataBytes = 2048;

    public static IReadOnlyDictionary<string, string> Empty { get; } = new Dictionary<string, string>(0, StringComparer.Ordinal);

    public static string ContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return DefaultContentType;
        }

        if (contentType.Length > 256 || !IsPrintableAscii(contentType) || !IsMediaType(contentType))
        {
            throw new ArgumentException("A content type is at most 256 printable ASCII characters of the form type/subtype, optionally followed by ;name=value parameters (RFC 9110).", nameof(contentType));
        }

        return contentType;
    }

    // RFC 9110 §8.3.1: token "/" token *( OWS ";" OWS token "=" ( token / quoted-string ) ). Empty parameters (";;"),
    // which RFC 9110 allows, are refused: HTTP stacks (the S3 SDK among them) reject them, and a stored type must be servable.
    private static bool IsMediaType(ReadOnlySpan<char> value)
    {
        var at = Token(value, 0);
        if (at == 0 || at >= value.Length || value[at] != '/')
        {
            return false;
        }

        var end = Token(value, at + 1);
        if (end == at + 1)
        {
            return false;
        }

        at = end;
        while (true)
        {
            at = SkipSpace(value, at);
            if (at == value.Length)
            {
                return true;
            }

            if (value[at] != ';')
            {
                return false;
            }

            at = SkipSpace(value, at + 1);
            end = Token(value, at);
            if (end == at || end >= value.Length || value[end] != '=')
            {
                return false;
            }

            at = end + 1;
            if (at < value.Length && value[at] == '"')
            {
                at++;
                while (at < value.Length && value[at] != '"')
                {
                    at += value[at] == '\\' ? 2 : 1;
                }

                if (at >= value.Length)
                {
                    return false;
                }

                at++;
            }
            else
            {
                end = Token(value, at);
                if (end == at)
                {
                    return false;
                }

                at = end;
            }
        }
    }

    private static int Token(ReadOnlySpan<char> value, int at)
    {
        while (at < value.Length && (char.IsAsciiLetterOrDigit(value[at]) || "!#$%&'*+-.^_`|~".Contains(value[at], StringComparison.Ordinal)))
        {
            at++;
        }

        return at;
    }

    private static int SkipSpace(ReadOnlySpan<char> value, int at)
    {
        while (at < value.Length && value[at] is ' ' or '\t')
        {
            at++;
        }

        return at;
    }

    public static IReadOnlyDictionary<string, string> Normalize(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null || metadata.Count == 0)
        {
            return Empty;
        }

        var result = new Dictionary<string, string>(metadata.Count, StringComparer.Ordinal);
        var size = 0;
        foreach (var (name, value) in metadata)
        {
            if (string.IsNullOrEmpty(name) || !IsToken(name))
            {
                throw new ArgumentException($"Metadata name '{name}' must be ASCII letters, digits, '-' or '_'.", nameof(metadata));
            }

            ArgumentNullException.ThrowIfNull(value, nameof(metadata));
            if (!IsPrintableAscii(value))
            {
                throw new ArgumentException($"The value of metadata '{name}' must be printable ASCII.", nameof(metadata));
            }

            var lower = name.ToLowerInvariant();
            if (!result.TryAdd(lower, value))
            {
                throw new ArgumentException($"Metadata name '{name}' appears twice (names are case-insensitive).", nameof(metadata));
            }

            size += lower.Length + value.Length;
        }

        return size > MaxMetadataBytes
            ? throw new ArgumentException($"Metadata is at most {MaxMetadataBytes} bytes in total.", nameof(metadata))
            : result;
    }

    private static bool IsToken(string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return name.Length <= 128;
    }

    private static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}

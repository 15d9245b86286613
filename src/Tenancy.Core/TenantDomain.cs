namespace Tenancy;

/// <summary>
/// Rules for custom domains of tenants: a lowercase DNS host name (no port, no trailing dot) of at most
/// <see cref="MaxLength"/> characters, made of labels of ASCII letters, digits and inner hyphens.
/// </summary>
public static class TenantDomain
{
    /// <summary>The longest domain accepted.</summary>
    public const int MaxLength = 253;

    /// <summary>Returns whether <paramref name="value"/> is a well-formed host name. Case-insensitive, allocation-free.</summary>
    /// <param name="value">The candidate host name.</param>
    /// <returns><see langword="true"/> when the host name is valid.</returns>
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || value.Length > MaxLength)
        {
            return false;
        }

        var labelLength = 0;
        var previous = '.';
        foreach (var c in value)
        {
            if (c == '.')
            {
                if (labelLength == 0 || previous == '-')
                {
                    return false;
                }

                labelLength = 0;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c == '-')
            {
                if ((labelLength == 0 && c == '-') || ++labelLength > 63)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }

            previous = c;
        }

        return labelLength > 0 && previous != '-';
    }

    /// <summary>Validates <paramref name="value"/> and returns it in lowercase.</summary>
    /// <param name="value">The candidate host name.</param>
    /// <returns>The normalised (lowercase) host name.</returns>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsValid(value))
        {
            throw new InvalidTenantIdentifierException(value, "A tenant domain must be a host name of ASCII letters, digits, hyphens and dots, without port or trailing dot.");
        }

        return value.ToLowerInvariant();
    }
}

namespace Tenancy;

/// <summary>
/// Rules for tenant ids: 1 to <see cref="MaxLength"/> characters of ASCII letters, digits, <c>-</c> and <c>_</c>.
/// Ids end up in SQL session settings, object-store prefixes and log scopes, so the alphabet is deliberately narrow.
/// </summary>
public static class TenantId
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>Returns whether <paramref name="value"/> is a well-formed tenant id. Allocation-free.</summary>
    /// <param name="value">The candidate id.</param>
    /// <returns><see langword="true"/> when the id can be used.</returns>
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws <see cref="InvalidTenantIdException"/> unless <paramref name="value"/> is a well-formed id.</summary>
    /// <param name="value">The candidate id.</param>
    /// <returns>The same value, for use in initialisers.</returns>
    public static string Validate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsValid(value))
        {
            throw new InvalidTenantIdException(value, $"A tenant id must be 1 to {MaxLength} characters of ASCII letters, digits, '-' or '_'.");
        }

        return value;
    }
}

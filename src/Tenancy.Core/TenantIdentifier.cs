using System.Collections.Frozen;

namespace Tenancy;

/// <summary>
/// Rules for tenant identifiers (the human-readable slug used in subdomains, paths and headers): a DNS label of
/// 1 to <see cref="MaxLength"/> lowercase ASCII letters, digits and inner hyphens, that is not a reserved word.
/// </summary>
public static class TenantIdentifier
{
    /// <summary>The longest identifier accepted (the length of a DNS label).</summary>
    public const int MaxLength = 63;

    /// <summary>
    /// Words that can never be tenant identifiers because they name parts of the product itself
    /// (<c>www</c>, <c>api</c>, <c>admin</c> …). Applications add their own through <c>TenancyOptions.ReservedIdentifiers</c>.
    /// </summary>
    public static FrozenSet<string> DefaultReservedWords { get; } = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "www", "api", "admin", "administrator", "app", "apps", "assets", "auth", "billing", "cdn", "dashboard",
        "docs", "help", "host", "localhost", "login", "logout", "mail", "root", "scim", "signin", "signup",
        "static", "status", "support", "system", "tenant", "tenants");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ReservedLookup =
        DefaultReservedWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Returns whether <paramref name="value"/> is syntactically a valid identifier (reserved words not checked). Allocation-free.</summary>
    /// <param name="value">The candidate identifier.</param>
    /// <returns><see langword="true"/> when the syntax is valid.</returns>
    public static bool IsValid(ReadOnlySpan<char> value) => IsValid(value, ignoreCase: false);

    /// <summary>
    /// Returns whether <paramref name="value"/> is syntactically a valid identifier, optionally accepting uppercase
    /// letters (host names and lookups are case-insensitive). Allocation-free.
    /// </summary>
    /// <param name="value">The candidate identifier.</param>
    /// <param name="ignoreCase">Whether uppercase ASCII letters are accepted.</param>
    /// <returns><see langword="true"/> when the syntax is valid.</returns>
    public static bool IsValid(ReadOnlySpan<char> value, bool ignoreCase)
    {
        if (value.IsEmpty || value.Length > MaxLength || value[0] == '-' || value[^1] == '-')
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-' || (ignoreCase && char.IsAsciiLetterUpper(c))))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns whether <paramref name="value"/> is one of <see cref="DefaultReservedWords"/>. Allocation-free.</summary>
    /// <param name="value">The candidate identifier.</param>
    /// <returns><see langword="true"/> when the word is reserved.</returns>
    public static bool IsReserved(ReadOnlySpan<char> value) =>
        value.Length <= MaxLength && ReservedLookup.Contains(value);

    /// <summary>Throws <see cref="InvalidTenantIdentifierException"/> unless <paramref name="value"/> is well formed and not reserved.</summary>
    /// <param name="value">The candidate identifier.</param>
    /// <returns>The same value, for use in initialisers.</returns>
    public static string Validate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsValid(value))
        {
            throw new InvalidTenantIdentifierException(value, $"A tenant identifier must be 1 to {MaxLength} lowercase ASCII letters, digits or inner hyphens.");
        }

        if (IsReserved(value))
        {
            throw new InvalidTenantIdentifierException(value, $"'{value}' is a reserved word and cannot identify a tenant.");
        }

        return value;
    }
}

using System.Buffers;
using System.Collections.Frozen;

namespace Tenancy.Resolution;

/// <summary>
/// The syntax checks of resolution's hot path for host names, with the same rules as <see cref="TenantDomain"/> but over
/// vectorised searches (<see cref="SearchValues{T}"/>) instead of a loop per character, and a length filter in front of
/// the reserved-word sets so that a key whose length no reserved word has is never hashed. Culture-free: ASCII only,
/// compared ordinally. (Identifiers and ids keep <see cref="TenantIdentifier.IsValid(ReadOnlySpan{char}, bool)"/> and
/// <see cref="TenantId.IsValid"/>: for keys of 5–15 characters a loop per character is as fast as a vectorised search.)
/// </summary>
internal static class TenantKeySyntax
{
    private static readonly SearchValues<char> HostChars = SearchValues.Create("-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>The built-in reserved words (<see cref="TenantIdentifier.DefaultReservedWords"/>) behind a length filter.</summary>
    public static ReservedWords BuiltInReserved { get; } = new(TenantIdentifier.DefaultReservedWords);

    /// <summary>Whether <paramref name="value"/> is a well-formed host name (<see cref="TenantDomain.IsValid"/>).</summary>
    public static bool IsDomain(ReadOnlySpan<char> value) =>
        !value.IsEmpty && value.Length <= TenantDomain.MaxLength && !value.ContainsAnyExcept(HostChars) && AreLabels(value);

    /// <summary>
    /// Whether every dot-separated label of <paramref name="value"/> (already known to hold only letters, digits, hyphens
    /// and dots) is 1 to 63 characters long and neither starts nor ends with a hyphen.
    /// </summary>
    public static bool AreLabels(ReadOnlySpan<char> value)
    {
        while (true)
        {
            var dot = value.IndexOf('.');
            var label = dot < 0 ? value : value[..dot];
            if (!IsLabel(label))
            {
                return false;
            }

            if (dot < 0)
            {
                return true;
            }

            value = value[(dot + 1)..];
        }
    }

    /// <summary>Whether <paramref name="label"/> (letters, digits and hyphens only) is 1 to 63 characters without an outer hyphen.</summary>
    public static bool IsLabel(ReadOnlySpan<char> label) =>
        !label.IsEmpty && label.Length <= TenantIdentifier.MaxLength && label[0] != '-' && label[^1] != '-';

    /// <summary>Whether <paramref name="value"/> holds only the characters of a host name.</summary>
    public static bool HasOnlyHostChars(ReadOnlySpan<char> value) => !value.ContainsAnyExcept(HostChars);

    /// <summary>Whether <paramref name="host"/> is made of digits and dots only (an IPv4 literal, or something a tenant cannot own).</summary>
    /// <remarks>A loop: a host name usually fails on its first character, before a vectorised search would have started.</remarks>
    public static bool IsNumeric(ReadOnlySpan<char> host)
    {
        foreach (var c in host)
        {
            if (!char.IsAsciiDigit(c) && c != '.')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A case-insensitive set of reserved words with a filter by length in front of it.</summary>
    internal sealed class ReservedWords
    {
        private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _words;
        private readonly ulong _lengths; // Bit n set: some word has n characters (n < 64; longer words set bit 63).

        public ReservedWords(IEnumerable<string> words)
        {
            var set = words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
            _words = set.GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (var word in set)
            {
                _lengths |= 1UL << Math.Min(word.Length, 63);
            }
        }

        /// <summary>Whether the set is empty.</summary>
        public bool IsEmpty => _lengths == 0;

        /// <summary>Whether <paramref name="value"/> is one of the words, in any letter case.</summary>
        public bool Contains(ReadOnlySpan<char> value) =>
            (_lengths & (1UL << Math.Min(value.Length, 63))) != 0 && _words.Contains(value);
    }
}

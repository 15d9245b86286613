using Microsoft.Extensions.Primitives;

namespace Tenancy.Resolution.Strategies;

/// <summary>Shared parsing for strategies that read a single text value.</summary>
internal static class TenantCandidates
{
    /// <summary>The longest raw value a strategy looks at; anything longer is malformed without further parsing.</summary>
    public const int MaxRawLength = 256;

    public static TenantCandidate FromValues(StringValues values, TenantKeyKind kind)
    {
        if (values.Count == 0)
        {
            return TenantCandidate.None;
        }

        if (values.Count > 1)
        {
            return TenantCandidate.Malformed;
        }

        return FromValue(values[0], kind);
    }

    public static TenantCandidate FromValue(ReadOnlySpan<char> value, TenantKeyKind kind, TenantCandidate.CandidateTraits traits = TenantCandidate.CandidateTraits.None)
    {
        if (value.Length > MaxRawLength)
        {
            return TenantCandidate.Malformed;
        }

        value = value.Trim(' ');
        return value.IsEmpty ? TenantCandidate.Malformed : TenantCandidate.Known(kind, value, TenantCandidateMode.Required, traits);
    }
}

namespace Tenancy.Resolution;

/// <summary>
/// What a strategy found in a request: nothing, a key to look up, or something that names a tenant but is malformed
/// (an over-long header, a repeated header, control characters). A <see langword="ref struct"/> over the request's own
/// characters, so finding a candidate allocates nothing.
/// </summary>
public readonly ref struct TenantCandidate
{
    private TenantCandidate(TenantKeyKind kind, ReadOnlySpan<char> value, bool hasValue, bool isMalformed, TenantCandidateMode mode = TenantCandidateMode.Required, CandidateTraits traits = CandidateTraits.None)
    {
        Kind = kind;
        Value = value;
        HasValue = hasValue;
        IsMalformed = isMalformed;
        Mode = mode;
        Traits = traits;
    }

    /// <summary>What a built-in strategy already knows about the key, so the resolver does not check it twice.</summary>
    [Flags]
    internal enum CandidateTraits
    {
        None = 0,

        /// <summary>The key is already validated for its kind (well formed, not a built-in reserved word).</summary>
        Validated = 1,

        /// <summary>The key comes from an authenticated principal (the strategy is authoritative for this request).</summary>
        Authenticated = 2,
    }

    /// <summary>The strategy found nothing; resolution moves on to the next strategy.</summary>
    public static TenantCandidate None => default;

    /// <summary>The strategy found a value that cannot be a tenant key; resolution stops with <see cref="TenantResolutionOutcome.InvalidIdentifier"/>.</summary>
    public static TenantCandidate Malformed => new(TenantKeyKind.Identifier, default, true, true);

    /// <summary>Whether the strategy found something (a key or a malformed value).</summary>
    public bool HasValue { get; }

    /// <summary>Whether what it found is malformed.</summary>
    public bool IsMalformed { get; }

    /// <summary>Which key <see cref="Value"/> is.</summary>
    public TenantKeyKind Kind { get; }

    /// <summary>The key's characters.</summary>
    public ReadOnlySpan<char> Value { get; }

    /// <summary>How the resolver treats the key when it is unknown or when an authenticated tenant exists.</summary>
    public TenantCandidateMode Mode { get; }

    /// <summary>Whether a built-in strategy already validated the key for its kind.</summary>
    internal bool IsValidated => (Traits & CandidateTraits.Validated) != 0;

    /// <summary>Whether a built-in strategy read the key from an authenticated principal.</summary>
    internal bool IsAuthenticated => (Traits & CandidateTraits.Authenticated) != 0;

    private CandidateTraits Traits { get; }

    /// <summary>A key to look up.</summary>
    /// <param name="kind">Which key it is.</param>
    /// <param name="value">The key's characters.</param>
    /// <returns>The candidate.</returns>
    public static TenantCandidate For(TenantKeyKind kind, ReadOnlySpan<char> value) => new(kind, value, true, false);

    /// <summary>A key that names a tenant only if one has it; when none does, resolution moves on (custom-domain hosts).</summary>
    /// <param name="kind">Which key it is.</param>
    /// <param name="value">The key's characters.</param>
    /// <returns>The candidate.</returns>
    public static TenantCandidate IfKnown(TenantKeyKind kind, ReadOnlySpan<char> value) => new(kind, value, true, false, TenantCandidateMode.IfKnown);

    /// <summary>A default used only when nothing else names a tenant; it never conflicts with an authenticated tenant.</summary>
    /// <param name="kind">Which key it is.</param>
    /// <param name="value">The key's characters.</param>
    /// <returns>The candidate.</returns>
    public static TenantCandidate Default(TenantKeyKind kind, ReadOnlySpan<char> value) => new(kind, value, true, false, TenantCandidateMode.Default);

    /// <summary>A key that a built-in strategy already validated or read from an authenticated principal.</summary>
    /// <param name="kind">Which key it is.</param>
    /// <param name="value">The key's characters.</param>
    /// <param name="mode">How the resolver treats it.</param>
    /// <param name="traits">What the strategy already knows.</param>
    /// <returns>The candidate.</returns>
    internal static TenantCandidate Known(TenantKeyKind kind, ReadOnlySpan<char> value, TenantCandidateMode mode, CandidateTraits traits) =>
        new(kind, value, true, false, mode, traits);
}

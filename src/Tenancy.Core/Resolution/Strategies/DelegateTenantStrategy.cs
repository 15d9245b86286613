namespace Tenancy.Resolution.Strategies;

/// <summary>Finds the tenant key with a delegate. An exception from the delegate counts as a malformed request.</summary>
public sealed class DelegateTenantStrategy : ITenantResolutionStrategy
{
    private readonly Func<TenantRequestView, string?> _resolve;
    private readonly TenantKeyKind _kind;

    /// <summary>Creates the strategy.</summary>
    /// <param name="name">The name for logs and metrics.</param>
    /// <param name="resolve">Returns the key, or <see langword="null"/> when the request has none.</param>
    /// <param name="kind">Which key the delegate returns.</param>
    public DelegateTenantStrategy(string name, Func<TenantRequestView, string?> resolve, TenantKeyKind kind = TenantKeyKind.Identifier)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(resolve);
        Name = name;
        _resolve = resolve;
        _kind = kind;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool IsAuthoritativeFor(in TenantRequestView request) => false;

    /// <inheritdoc />
    public TenantCandidate GetCandidate(in TenantRequestView request)
    {
        string? value;
        try
        {
            value = _resolve(request);
        }
#pragma warning disable CA1031 // A strategy must never throw on request content; the resolver reports it as malformed.
        catch (Exception)
#pragma warning restore CA1031
        {
            return TenantCandidate.Malformed;
        }

        return value is null ? TenantCandidate.None : TenantCandidates.FromValue(value, _kind);
    }
}

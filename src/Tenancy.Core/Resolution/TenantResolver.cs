using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tenancy.Diagnostics;
using Tenancy.Events;
using Tenancy.Stores;

namespace Tenancy.Resolution;

/// <summary>
/// The default <see cref="ITenantResolver"/>. An authenticated claim is checked first; then every strategy runs, and
/// every one that names a tenant must name the same tenant (compared by resolved id) as the authenticated claim or,
/// without one, as every other source — otherwise resolution ends in <see cref="TenantResolutionOutcome.Conflict"/>.
/// With an authenticated tenant, a key that no tenant has is a conflict too; without one, such a key ends resolution as
/// not found when it comes first, and names no tenant (cannot outvote the source that did) when it comes later.
/// <see cref="TenancyOptions.RequireAgreementBetweenSources"/> set to <see langword="false"/> lets the first anonymous
/// source win instead (weaker). Defaults (<c>FromStatic</c>) apply only when no other source names a tenant.
/// Lookups use the store's <see cref="ITenantSpanLookup"/> when it has one, so a cached lookup allocates nothing.
/// </summary>
public sealed class TenantResolver : ITenantResolver
{
    private readonly ITenantResolutionStrategy[] _strategies;
    private readonly ITenantStore _store;
    private readonly ITenantSpanLookup? _spanLookup;
    private readonly TenantResolutionObserver[] _observers;
    private readonly TenancyOptions _options;
    private readonly TenancyMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly TenantKeySyntax.ReservedWords _reserved;

    /// <summary>Creates the resolver.</summary>
    /// <param name="strategies">The strategies, in order.</param>
    /// <param name="store">The tenant store.</param>
    /// <param name="options">The options.</param>
    /// <param name="observers">Resolution observers.</param>
    /// <param name="meterFactory">Creates the meter that counts resolutions; <see langword="null"/> for none.</param>
    /// <param name="logger">The logger.</param>
    public TenantResolver(
        IEnumerable<ITenantResolutionStrategy> strategies,
        ITenantStore store,
        IOptions<TenancyOptions>? options = null,
        IEnumerable<TenantResolutionObserver>? observers = null,
        System.Diagnostics.Metrics.IMeterFactory? meterFactory = null,
        ILogger<TenantResolver>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(store);
        _strategies = [.. strategies];
        _store = store;
        _spanLookup = store as ITenantSpanLookup;
        _options = options?.Value ?? new TenancyOptions();
        _observers = observers is null ? [] : [.. observers];
        _metrics = meterFactory is null ? null : new TenancyMetrics(meterFactory);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _reserved = new TenantKeySyntax.ReservedWords(_options.ReservedIdentifiers);
    }

    /// <summary>The strategies, in the order they run.</summary>
    public IReadOnlyList<ITenantResolutionStrategy> Strategies => _strategies;

    /// <inheritdoc />
    /// <remarks>
    /// Three stages: <see cref="Collect"/> asks every strategy for its key and answers each from the store's
    /// <see cref="ITenantSpanLookup"/> (an in-memory store or a cache hit); <see cref="FetchAsync"/> asks the store for
    /// the keys that were not answered; <see cref="Decide"/> applies the agreement rules to the answers. When nothing
    /// needs fetching and no observer is registered, resolution completes synchronously and allocates nothing.
    /// </remarks>
    public ValueTask<TenantResolutionResult> ResolveAsync(TenantRequestView request, CancellationToken cancellationToken = default)
    {
        if (_strategies.Length == 1)
        {
            var single = default(Candidate); // The common case: no buffer to clear.
            return Resolve(request, new Span<Candidate>(ref single), cancellationToken);
        }

        if (_strategies.Length <= CandidateBuffer.Length)
        {
            var buffer = default(CandidateBuffer);
            return Resolve(request, ((Span<Candidate>)buffer)[.._strategies.Length], cancellationToken);
        }

        return Resolve(request, new Candidate[_strategies.Length], cancellationToken);
    }

    private ValueTask<TenantResolutionResult> Resolve(in TenantRequestView request, Span<Candidate> candidates, CancellationToken cancellationToken) =>
        Collect(request, candidates)
            ? Complete(Decide(candidates), cancellationToken)
            : ResolveWithStoreAsync(candidates.ToArray(), cancellationToken);

    private async ValueTask<TenantResolutionResult> ResolveWithStoreAsync(Candidate[] candidates, CancellationToken cancellationToken)
    {
        await FetchAsync(candidates, cancellationToken).ConfigureAwait(false);
        return await Complete(Decide(candidates), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stage 1: every strategy's key, validated and answered from memory where the store can. Returns whether every key
    /// that <see cref="Decide"/> may need is answered (nothing to fetch).
    /// </summary>
    private bool Collect(in TenantRequestView request, Span<Candidate> candidates)
    {
        var checkAuthority = _options.RequireAgreementWithAuthenticatedTenant;
        for (var i = 0; i < candidates.Length; i++)
        {
            var strategy = _strategies[i];
            var found = strategy.GetCandidate(request);
            if (!found.HasValue)
            {
                candidates[i] = new Candidate(strategy, CandidateState.None);
                continue;
            }

            TenantInfo? tenant = null;
            var state = found.IsMalformed || !IsValid(found.Kind, found.Value, found.IsValidated) ? CandidateState.Malformed
                : TryAnswer(found.Kind, found.Value, out tenant) ? CandidateState.Answered
                : CandidateState.Missing;
            candidates[i] = new Candidate(strategy, state)
            {
                Kind = found.Kind,
                Mode = found.Mode,
                IsAuthoritative = checkAuthority && (found.IsAuthenticated || strategy.IsAuthoritativeFor(request)),
                Tenant = tenant,
                Key = state == CandidateState.Missing ? found.Value.ToString() : null,
            };
        }

        return !NeedsFetch(candidates);
    }

    /// <summary>Stage 2: asks the store for every key that <see cref="Collect"/> could not answer (each key once).</summary>
    private async ValueTask FetchAsync(Candidate[] candidates, CancellationToken cancellationToken)
    {
        // Keys that name a tenant first; a default is fetched only when nothing else named one (it applies only then).
        for (var pass = 0; pass < 2; pass++)
        {
            if (pass == 1 && AnyTenantNamed(candidates))
            {
                return;
            }

            for (var i = 0; i < candidates.Length; i++)
            {
                if (candidates[i].State != CandidateState.Missing || IsDeferrable(candidates[i]) != (pass == 1))
                {
                    continue;
                }

                var earlier = FetchedEarlier(candidates, i);
                var tenant = earlier >= 0
                    ? candidates[earlier].Tenant
                    : await FindAsync(candidates[i].Key!, candidates[i].Kind, cancellationToken).ConfigureAwait(false);
                candidates[i] = candidates[i] with { State = CandidateState.Answered, Tenant = tenant };
            }
        }
    }

    private static int FetchedEarlier(Candidate[] candidates, int missing)
    {
        for (var i = 0; i < missing; i++)
        {
            if (candidates[i].Answers(candidates[missing]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Stage 3: the outcome from the answered candidates. An authenticated source decides and every other source must
    /// agree with it; without one, every anonymous source that names a tenant must name the same one (or the first
    /// wins, when <see cref="TenancyOptions.RequireAgreementBetweenSources"/> is off); a default applies only when no
    /// source names a tenant. Names are compared by resolved tenant id, so an identifier and an id, two spellings of a
    /// host, or a custom domain and a subdomain of the same tenant agree.
    /// </summary>
    private TenantResolutionResult Decide(ReadOnlySpan<Candidate> candidates)
    {
        var authority = -1;
        for (var i = 0; i < candidates.Length; i++)
        {
            var candidate = candidates[i];
            if (!candidate.IsAuthoritative)
            {
                continue;
            }

            if (candidate.State == CandidateState.Malformed)
            {
                return Outcome(TenantResolutionOutcome.InvalidIdentifier, candidate);
            }

            if (candidate.Tenant is null)
            {
                return Outcome(TenantResolutionOutcome.NotFound, candidate);
            }

            authority = i;
            break;
        }

        var fallback = -1;
        var first = -1;
        for (var i = 0; i < candidates.Length; i++)
        {
            var candidate = candidates[i];
            if (i == authority || candidate.State == CandidateState.None)
            {
                continue;
            }

            if (candidate.State == CandidateState.Malformed)
            {
                return Outcome(TenantResolutionOutcome.InvalidIdentifier, candidate);
            }

            if (candidate.Mode == TenantCandidateMode.Default)
            {
                if (fallback < 0 && authority < 0)
                {
                    fallback = i;
                }

                continue;
            }

            var tenant = candidate.Tenant;
            if (authority >= 0)
            {
                if (tenant is null && candidate.Mode == TenantCandidateMode.IfKnown)
                {
                    continue;
                }

                if (tenant is null || !string.Equals(tenant.Id, candidates[authority].Tenant!.Id, StringComparison.Ordinal))
                {
                    return Outcome(TenantResolutionOutcome.Conflict, candidate);
                }

                continue;
            }

            if (tenant is null)
            {
                // An unknown key fails closed when it comes first (an unknown subdomain never falls through to a
                // header); after a source that named a real tenant it names no tenant (a first path segment may be a
                // route), so it cannot outvote that source. A custom domain that no tenant has names no tenant.
                if (first < 0 && candidate.Mode != TenantCandidateMode.IfKnown)
                {
                    return Outcome(TenantResolutionOutcome.NotFound, candidate);
                }

                continue;
            }

            if (first < 0)
            {
                if (!_options.RequireAgreementBetweenSources)
                {
                    return Final(candidate); // First wins (weaker; see the option).
                }

                first = i;
            }
            else if (!string.Equals(tenant.Id, candidates[first].Tenant!.Id, StringComparison.Ordinal))
            {
                return Outcome(TenantResolutionOutcome.Conflict, candidate);
            }
        }

        var decided = authority >= 0 ? authority : first >= 0 ? first : fallback;
        if (decided < 0)
        {
            return new TenantResolutionResult(TenantResolutionOutcome.NotResolved, null, null);
        }

        return candidates[decided].Tenant is null
            ? Outcome(TenantResolutionOutcome.NotFound, candidates[decided]) // Also a default that was never fetched: fail closed.
            : Final(candidates[decided]);
    }

    private TenantResolutionResult Final(in Candidate candidate) =>
        !candidate.Tenant!.IsActive && _options.RejectInactiveTenants
            ? new TenantResolutionResult(TenantResolutionOutcome.Inactive, candidate.Tenant, candidate.Strategy)
            : new TenantResolutionResult(TenantResolutionOutcome.Resolved, candidate.Tenant, candidate.Strategy);

    private static TenantResolutionResult Outcome(TenantResolutionOutcome outcome, in Candidate candidate) =>
        new(outcome, null, candidate.Strategy);

    private static bool NeedsFetch(ReadOnlySpan<Candidate> candidates)
    {
        var deferredMissing = false;
        foreach (var candidate in candidates)
        {
            if (candidate.State == CandidateState.Missing)
            {
                if (!IsDeferrable(candidate))
                {
                    return true;
                }

                deferredMissing = true;
            }
        }

        return deferredMissing && !AnyTenantNamed(candidates);
    }

    /// <summary>A default that is not authoritative: needed only when no other source names a tenant.</summary>
    private static bool IsDeferrable(in Candidate candidate) => candidate.Mode == TenantCandidateMode.Default && !candidate.IsAuthoritative;

    private static bool AnyTenantNamed(ReadOnlySpan<Candidate> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (candidate.Tenant is not null && !IsDeferrable(candidate))
            {
                return true;
            }
        }

        return false;
    }

    private ValueTask<TenantResolutionResult> Complete(TenantResolutionResult result, CancellationToken cancellationToken)
    {
        _metrics?.RecordResolution(result);
        if (result.Outcome != TenantResolutionOutcome.Resolved)
        {
            Log.TenantNotResolved(_logger, TenancyMetrics.OutcomeName(result.Outcome), result.StrategyName ?? "none");
        }

        return _observers.Length == 0 ? new ValueTask<TenantResolutionResult>(result) : NotifyAsync(result, cancellationToken);
    }

    private bool TryAnswer(TenantKeyKind kind, ReadOnlySpan<char> key, out TenantInfo? tenant)
    {
        if (_spanLookup is null)
        {
            tenant = null;
            return false;
        }

        return kind switch
        {
            TenantKeyKind.Id => _spanLookup.TryFindById(key, out tenant),
            TenantKeyKind.Domain => _spanLookup.TryFindByDomain(key, out tenant),
            _ => _spanLookup.TryFindByIdentifier(key, out tenant),
        };
    }

    private ValueTask<TenantInfo?> FindAsync(string key, TenantKeyKind kind, CancellationToken cancellationToken) => kind switch
    {
        TenantKeyKind.Id => _store.FindByIdAsync(key, cancellationToken),
        TenantKeyKind.Domain => _store.FindByDomainAsync(key, cancellationToken),
        _ => _store.FindByIdentifierAsync(key, cancellationToken),
    };

    private bool IsValid(TenantKeyKind kind, ReadOnlySpan<char> value, bool validated) => kind switch
    {
        TenantKeyKind.Id => TenantId.IsValid(value),
        TenantKeyKind.Domain => validated || TenantKeySyntax.IsDomain(value),
        _ => (validated || (TenantIdentifier.IsValid(value, ignoreCase: true) && !TenantKeySyntax.BuiltInReserved.Contains(value)))
            && (_reserved.IsEmpty || !_reserved.Contains(value)),
    };

    private async ValueTask<TenantResolutionResult> NotifyAsync(TenantResolutionResult result, CancellationToken cancellationToken)
    {
        foreach (var observer in _observers)
        {
            try
            {
                var task = result.Outcome switch
                {
                    TenantResolutionOutcome.Resolved => observer.OnResolvedAsync(result, cancellationToken),
                    TenantResolutionOutcome.NotFound or TenantResolutionOutcome.NotResolved => observer.OnNotFoundAsync(result, cancellationToken),
                    _ => observer.OnRejectedAsync(result, cancellationToken),
                };
                await task.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Observers cannot change the outcome; their failures are logged.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Log.ResolutionObserverFailed(_logger, observer.GetType().Name, ex);
            }
        }

        return result;
    }


    private enum CandidateState : byte
    {
        /// <summary>The strategy found nothing.</summary>
        None,

        /// <summary>The strategy found something that cannot be a tenant key.</summary>
        Malformed,

        /// <summary>The key is looked up: <see cref="Candidate.Tenant"/> is its tenant, or null when no tenant has it.</summary>
        Answered,

        /// <summary>The store must be asked for <see cref="Candidate.Key"/>.</summary>
        Missing,
    }

    /// <summary>One strategy's answer for the request, as the three stages fill it in.</summary>
    private readonly record struct Candidate(ITenantResolutionStrategy Strategy, CandidateState State)
    {
        private readonly byte _kind;
        private readonly byte _mode;

        public TenantKeyKind Kind { get => (TenantKeyKind)_kind; init => _kind = (byte)value; }

        public TenantCandidateMode Mode { get => (TenantCandidateMode)_mode; init => _mode = (byte)value; }

        public bool IsAuthoritative { get; init; }

        /// <summary>The tenant that has the key, once <see cref="CandidateState.Answered"/> (null when none has it).</summary>
        public TenantInfo? Tenant { get; init; }

        /// <summary>The key, kept only when it has to be fetched.</summary>
        public string? Key { get; init; }

        /// <summary>Whether this candidate was fetched for the same key as <paramref name="missing"/>.</summary>
        public bool Answers(in Candidate missing) =>
            State == CandidateState.Answered && Key is not null && Kind == missing.Kind
            && string.Equals(Key, missing.Key, Kind == TenantKeyKind.Id ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Room for the candidates of up to eight strategies on the stack.</summary>
    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct CandidateBuffer
    {
        public const int Length = 8;

        private Candidate _first;
    }
}

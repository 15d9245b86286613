using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tenancy.Diagnostics;
using Tenancy.Events;
using Tenancy.Resolution;
using Tenancy.Stores;

namespace Tenancy.Core.Benchmarks.Baselines;

/// <summary>
/// The resolver as it was before it became three stages (commit c02a250), kept only so that the benchmarks compare
/// both in one process. Not used by the package.
/// </summary>
internal sealed partial class PreviousTenantResolver : ITenantResolver
{
    private readonly ITenantResolutionStrategy[] _strategies;
    private readonly ITenantStore _store;
    private readonly ITenantSpanLookup? _spanLookup;
    private readonly TenantResolutionObserver[] _observers;
    private readonly TenancyOptions _options;
    private readonly TenancyMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _reserved;

    /// <summary>Creates the resolver.</summary>
    /// <param name="strategies">The strategies, in order.</param>
    /// <param name="store">The tenant store.</param>
    /// <param name="options">The options.</param>
    /// <param name="observers">Resolution observers.</param>
    /// <param name="metrics">Metrics, if any.</param>
    /// <param name="logger">The logger.</param>
    public PreviousTenantResolver(
        IEnumerable<ITenantResolutionStrategy> strategies,
        ITenantStore store,
        IOptions<TenancyOptions>? options = null,
        IEnumerable<TenantResolutionObserver>? observers = null,
        TenancyMetrics? metrics = null,
        ILogger<PreviousTenantResolver>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(store);
        _strategies = [.. strategies];
        _store = store;
        _spanLookup = store as ITenantSpanLookup;
        _options = options?.Value ?? new TenancyOptions();
        _observers = observers is null ? [] : [.. observers];
        _metrics = metrics;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _reserved = _options.ReservedIdentifiers.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The strategies, in the order they run.</summary>
    public IReadOnlyList<ITenantResolutionStrategy> Strategies => _strategies;

    /// <inheritdoc />
    /// <remarks>
    /// Completes synchronously, without allocating, when every lookup is answered by the store's
    /// <see cref="ITenantSpanLookup"/> (an in-memory store or a cache hit) and no observer is registered.
    /// </remarks>
    public ValueTask<TenantResolutionResult> ResolveAsync(TenantRequestView request, CancellationToken cancellationToken = default)
    {
        var result = Decide(request, null, out var miss);
        return miss.Key is null ? Complete(result, cancellationToken) : ResolveWithStoreAsync(request, miss, cancellationToken);
    }

    private async ValueTask<TenantResolutionResult> ResolveWithStoreAsync(TenantRequestView request, StoreMiss miss, CancellationToken cancellationToken)
    {
        // Each pass asks the store for the one key the synchronous pass could not answer, then decides again with
        // everything fetched so far; a key is never fetched twice, so this ends after at most one pass per strategy.
        var fetched = new List<Fetched>(2);
        while (true)
        {
            var tenant = await FindAsync(miss.Key!, miss.Kind, cancellationToken).ConfigureAwait(false);
            fetched.Add(new Fetched(miss.Kind, miss.Key!, tenant));
            var result = Decide(request, fetched, out miss);
            if (miss.Key is null)
            {
                return await Complete(result, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private ValueTask<TenantResolutionResult> Complete(TenantResolutionResult result, CancellationToken cancellationToken)
    {
        _metrics?.RecordResolution(result);
        if (result.Outcome != TenantResolutionOutcome.Resolved)
        {
            LogNotResolved(_logger, TenancyMetrics.OutcomeName(result.Outcome), result.StrategyName ?? "none");
        }

        return _observers.Length == 0 ? new ValueTask<TenantResolutionResult>(result) : NotifyAsync(result, cancellationToken);
    }

    private TenantResolutionResult Decide(in TenantRequestView request, List<Fetched>? fetched, out StoreMiss miss)
    {
        miss = default;
        TenantInfo? authority = null;
        ITenantResolutionStrategy? authorityStrategy = null;

        if (_options.RequireAgreementWithAuthenticatedTenant)
        {
            foreach (var strategy in _strategies)
            {
                if (!strategy.IsAuthoritativeFor(request))
                {
                    continue;
                }

                var step = Lookup(strategy, request, fetched, deferDefault: false, out var tenant, out _, ref miss);
                switch (step)
                {
                    case LookupStatus.None:
                        continue;
                    case LookupStatus.Pending:
                        return default;
                    case LookupStatus.Malformed:
                        return new TenantResolutionResult(TenantResolutionOutcome.InvalidIdentifier, null, strategy);
                    case LookupStatus.Found:
                        authority = tenant;
                        authorityStrategy = strategy;
                        break;
                    default:
                        return new TenantResolutionResult(TenantResolutionOutcome.NotFound, null, strategy);
                }

                break;
            }
        }

        ITenantResolutionStrategy? fallbackStrategy = null;
        TenantInfo? first = null;
        ITenantResolutionStrategy? firstStrategy = null;
        foreach (var strategy in _strategies)
        {
            if (ReferenceEquals(strategy, authorityStrategy))
            {
                continue;
            }

            var step = Lookup(strategy, request, fetched, deferDefault: true, out var tenant, out var mode, ref miss);
            switch (step)
            {
                case LookupStatus.None or LookupStatus.Unknown:
                    continue;
                case LookupStatus.Deferred:
                    // A default only applies when nothing else names a tenant, wherever it was registered.
                    fallbackStrategy ??= authority is null ? strategy : null;
                    continue;
                case LookupStatus.Pending:
                    return default;
                case LookupStatus.Malformed:
                    return new TenantResolutionResult(TenantResolutionOutcome.InvalidIdentifier, null, strategy);
            }

            // Every source that names a tenant must name the same one: the authenticated tenant when there is one,
            // otherwise the first anonymous source's. Names are compared by resolved tenant id, so an identifier and an
            // id, two spellings of a host, or a custom domain and a subdomain of the same tenant agree.
            if (authority is not null)
            {
                if (step == LookupStatus.Found && string.Equals(tenant!.Id, authority.Id, StringComparison.Ordinal))
                {
                    continue;
                }

                return new TenantResolutionResult(TenantResolutionOutcome.Conflict, null, strategy);
            }

            if (first is not null && step == LookupStatus.Found)
            {
                if (string.Equals(tenant!.Id, first.Id, StringComparison.Ordinal))
                {
                    continue;
                }

                return new TenantResolutionResult(TenantResolutionOutcome.Conflict, null, strategy);
            }

            if (step != LookupStatus.Found)
            {
                // A key that no tenant has fails closed when it comes first (an unknown subdomain never falls through
                // to a header). After a source that named a real tenant it names no tenant — a first path segment may
                // be a route — so it cannot outvote that source.
                if (first is null)
                {
                    return new TenantResolutionResult(TenantResolutionOutcome.NotFound, null, strategy);
                }

                continue;
            }

            if (!_options.RequireAgreementBetweenSources)
            {
                return Final(tenant!, strategy); // First wins (weaker; see the option).
            }

            first = tenant;
            firstStrategy = strategy;
        }

        if (authority is not null)
        {
            return Final(authority, authorityStrategy!);
        }

        if (first is not null)
        {
            return Final(first, firstStrategy!);
        }

        if (fallbackStrategy is not null)
        {
            return Lookup(fallbackStrategy, request, fetched, deferDefault: false, out var tenant, out _, ref miss) switch
            {
                LookupStatus.Pending => default,
                LookupStatus.Found => Final(tenant!, fallbackStrategy),
                LookupStatus.Malformed => new TenantResolutionResult(TenantResolutionOutcome.InvalidIdentifier, null, fallbackStrategy),
                _ => new TenantResolutionResult(TenantResolutionOutcome.NotFound, null, fallbackStrategy),
            };
        }

        return new TenantResolutionResult(TenantResolutionOutcome.NotResolved, null, null);
    }

    private TenantResolutionResult Final(TenantInfo tenant, ITenantResolutionStrategy strategy) =>
        !tenant.IsActive && _options.RejectInactiveTenants
            ? new TenantResolutionResult(TenantResolutionOutcome.Inactive, tenant, strategy)
            : new TenantResolutionResult(TenantResolutionOutcome.Resolved, tenant, strategy);

    private LookupStatus Lookup(
        ITenantResolutionStrategy strategy,
        in TenantRequestView request,
        List<Fetched>? fetched,
        bool deferDefault,
        out TenantInfo? tenant,
        out TenantCandidateMode mode,
        ref StoreMiss miss)
    {
        tenant = null;
        mode = default;

        var candidate = strategy.GetCandidate(request);
        if (!candidate.HasValue)
        {
            return LookupStatus.None;
        }

        mode = candidate.Mode;
        if (candidate.IsMalformed || !IsWellFormed(candidate.Kind, candidate.Value))
        {
            return LookupStatus.Malformed;
        }

        if (deferDefault && mode == TenantCandidateMode.Default)
        {
            return LookupStatus.Deferred;
        }

        if (!TryAnswer(candidate.Kind, candidate.Value, fetched, out tenant))
        {
            miss = new StoreMiss(candidate.Value.ToString(), candidate.Kind);
            return LookupStatus.Pending;
        }

        return tenant is not null ? LookupStatus.Found : mode == TenantCandidateMode.IfKnown ? LookupStatus.Unknown : LookupStatus.NotFound;
    }

    private bool TryAnswer(TenantKeyKind kind, ReadOnlySpan<char> key, List<Fetched>? fetched, out TenantInfo? tenant)
    {
        if (_spanLookup is not null)
        {
            var answered = kind switch
            {
                TenantKeyKind.Id => _spanLookup.TryFindById(key, out tenant),
                TenantKeyKind.Domain => _spanLookup.TryFindByDomain(key, out tenant),
                _ => _spanLookup.TryFindByIdentifier(key, out tenant),
            };

            if (answered)
            {
                return true;
            }
        }

        if (fetched is not null)
        {
            var comparison = kind == TenantKeyKind.Id ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            foreach (var entry in fetched)
            {
                if (entry.Kind == kind && key.Equals(entry.Key, comparison))
                {
                    tenant = entry.Tenant;
                    return true;
                }
            }
        }

        tenant = null;
        return false;
    }

    private ValueTask<TenantInfo?> FindAsync(string key, TenantKeyKind kind, CancellationToken cancellationToken) => kind switch
    {
        TenantKeyKind.Id => _store.FindByIdAsync(key, cancellationToken),
        TenantKeyKind.Domain => _store.FindByDomainAsync(key, cancellationToken),
        _ => _store.FindByIdentifierAsync(key, cancellationToken),
    };

    private bool IsWellFormed(TenantKeyKind kind, ReadOnlySpan<char> value) => kind switch
    {
        TenantKeyKind.Id => TenantId.IsValid(value),
        TenantKeyKind.Domain => TenantDomain.IsValid(value),
        _ => TenantIdentifier.IsValid(value, ignoreCase: true) && !TenantIdentifier.IsReserved(value)
            && (_reserved.Set.Count == 0 || !_reserved.Contains(value)),
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
                LogObserverFailed(_logger, observer.GetType().Name, ex);
            }
        }

        return result;
    }

    [LoggerMessage(EventId = 90010, Level = LogLevel.Debug, Message = "Tenant not resolved: {Outcome} (strategy {Strategy}).")]
    private static partial void LogNotResolved(ILogger logger, string outcome, string strategy);

    [LoggerMessage(EventId = 90011, Level = LogLevel.Error, Message = "Tenant resolution observer {Observer} failed.")]
    private static partial void LogObserverFailed(ILogger logger, string observer, Exception exception);

    private enum LookupStatus
    {
        None,
        Malformed,
        Found,
        NotFound,
        Unknown,
        Pending,
        Deferred,
    }

    /// <summary>A key the synchronous pass could not answer, to be fetched from the store.</summary>
    private readonly record struct StoreMiss(string? Key, TenantKeyKind Kind);

    /// <summary>A key fetched from the store, and its answer.</summary>
    private readonly record struct Fetched(TenantKeyKind Kind, string Key, TenantInfo? Tenant);
}

using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tenancy.Billing.Diagnostics;

namespace Tenancy.Billing.Plans;

/// <summary>
/// The catalogue built from <see cref="PlanCatalogOptions"/>. Lookups read one immutable snapshot (frozen dictionaries);
/// a configuration reload that validates replaces the snapshot, one that does not is logged and ignored (the options
/// monitor is not used for reloads, so an invalid reload never throws into the configuration's reload caller).
/// </summary>
internal sealed class PlanCatalog : IPlanCatalog, IDisposable
{
    private static readonly int[] DefaultThresholds = [80, 100];
    private readonly ILogger _logger;
    private readonly IDisposable? _subscription;
    private volatile Snapshot _snapshot;

    public PlanCatalog(IOptionsFactory<PlanCatalogOptions> factory, IEnumerable<PlanCatalogReloadSource> sources, ILogger<PlanCatalog>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _snapshot = new Snapshot(factory.Create(Options.DefaultName));
        var subscriptions = sources
            .Select(s => Microsoft.Extensions.Primitives.ChangeToken.OnChange(s.Section.GetReloadToken, () => Reload(factory)))
            .ToArray();
        _subscription = subscriptions.Length == 0 ? null : new Subscriptions(subscriptions);
    }

    /// <summary>Builds a catalogue from options that were validated by the caller (tests, code-first hosts).</summary>
    internal PlanCatalog(PlanCatalogOptions options)
    {
        _logger = NullLogger.Instance;
        _snapshot = new Snapshot(options);
    }

    public IReadOnlyCollection<Plan> Plans => _snapshot.Plans.Values;

    public IReadOnlyCollection<MeterDefinition> Meters => _snapshot.Meters.Values;

    /// <summary>The alert thresholds in percent, ascending.</summary>
    internal int[] AlertThresholds => _snapshot.Thresholds;

    /// <summary>Raised after a reload replaced the snapshot.</summary>
    internal event Action? Changed;

    public bool TryGetPlan(string planId, [NotNullWhen(true)] out Plan? plan)
    {
        ArgumentNullException.ThrowIfNull(planId);
        return _snapshot.Plans.TryGetValue(planId, out plan);
    }

    public Plan GetPlan(TenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var snapshot = _snapshot;
        var id = tenant.Plan ?? snapshot.DefaultPlan;
        return id is not null && snapshot.Plans.TryGetValue(id, out var plan) ? plan : throw UnknownPlanException.For(id, tenant.Id);
    }

    public MeterDefinition GetMeter(string meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        return _snapshot.Meters.TryGetValue(meter, out var definition) ? definition : throw UnknownMeterException.For(meter);
    }

    public Plan? FindByStripePrice(string stripePrice)
    {
        ArgumentNullException.ThrowIfNull(stripePrice);
        return _snapshot.ByStripePrice.GetValueOrDefault(stripePrice);
    }

    public void Dispose() => _subscription?.Dispose();

    private void Reload(IOptionsFactory<PlanCatalogOptions> factory)
    {
        try
        {
            _snapshot = new Snapshot(factory.Create(Options.DefaultName));
            Log.PlanCatalogReloaded(_logger, _snapshot.Plans.Count);
            Changed?.Invoke();
        }
        catch (Exception ex) when (ex is OptionsValidationException or KeyNotFoundException or ArgumentException)
        {
            Log.PlanCatalogReloadRejected(_logger, ex);
        }
    }

    private sealed class Subscriptions(IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }

    private sealed class Snapshot
    {
        public Snapshot(PlanCatalogOptions options)
        {
            var check = new PlanCatalogConsistencyValidator().Validate(null, options);
            if (check.Failed)
            {
                throw new OptionsValidationException(nameof(PlanCatalogOptions), typeof(PlanCatalogOptions), check.Failures);
            }

            Meters = options.Meters.ToFrozenDictionary(m => m.Name, m => new MeterDefinition(m), StringComparer.Ordinal);
            Plans = options.Plans.ToFrozenDictionary(p => p.Id, p => new Plan(p, Meters), StringComparer.Ordinal);
            ByStripePrice = Plans.Values.Where(p => p.StripePrice is not null)
                .GroupBy(p => p.StripePrice!, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            DefaultPlan = options.DefaultPlan;
            Thresholds = options.AlertThresholds.Count == 0 ? DefaultThresholds : options.AlertThresholds.Distinct().Order().ToArray();
        }

        public FrozenDictionary<string, MeterDefinition> Meters { get; }

        public FrozenDictionary<string, Plan> Plans { get; }

        public FrozenDictionary<string, Plan> ByStripePrice { get; }

        public string? DefaultPlan { get; }

        public int[] Thresholds { get; }
    }
}

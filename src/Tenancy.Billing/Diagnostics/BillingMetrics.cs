using System.Diagnostics.Metrics;
using Tenancy.Billing.Quotas;

namespace Tenancy.Billing.Diagnostics;

/// <summary>Tenancy.Billing's metrics, built from <see cref="IMeterFactory"/>.</summary>
internal sealed class BillingMetrics
{
    private readonly Counter<long> _consumes;
    private readonly Counter<long> _refunds;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _storeErrors;
    private readonly Counter<long> _webhooks;

    public BillingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(BillingTelemetry.Name);
        _consumes = meter.CreateCounter<long>("tenancy.billing.consumes", "{consume}", "Quota consumes by outcome.");
        _refunds = meter.CreateCounter<long>("tenancy.billing.refunds", "{unit}", "Units refunded.");
        _alerts = meter.CreateCounter<long>("tenancy.billing.alerts", "{alert}", "Quota threshold alerts raised.");
        _storeErrors = meter.CreateCounter<long>("tenancy.billing.store.errors", "{error}", "Quota store (Redis) failures.");
        _webhooks = meter.CreateCounter<long>("tenancy.billing.webhooks", "{event}", "Stripe webhook events by outcome.");
    }

    public void RecordConsume(string tenantId, string meter, QuotaDenialReason reason)
    {
        if (_consumes.Enabled)
        {
            _consumes.Add(
                1,
                new KeyValuePair<string, object?>(BillingTelemetry.TenantTag, tenantId),
                new KeyValuePair<string, object?>(BillingTelemetry.MeterTag, meter),
                new KeyValuePair<string, object?>(BillingTelemetry.OutcomeTag, OutcomeName(reason)));
        }
    }

    public void RecordRefund(string tenantId, string meter, long amount)
    {
        if (_refunds.Enabled)
        {
            _refunds.Add(amount, new KeyValuePair<string, object?>(BillingTelemetry.TenantTag, tenantId), new KeyValuePair<string, object?>(BillingTelemetry.MeterTag, meter));
        }
    }

    public void RecordAlert(string tenantId, string meter, int percent) =>
        _alerts.Add(
            1,
            new KeyValuePair<string, object?>(BillingTelemetry.TenantTag, tenantId),
            new KeyValuePair<string, object?>(BillingTelemetry.MeterTag, meter),
            new KeyValuePair<string, object?>(BillingTelemetry.ThresholdTag, percent));

    public void RecordAlertFailure(string tenantId, string meter, Exception error) => RecordStoreError(error, tenantId, meter);

    public void RecordStoreError(Exception error, string? tenantId = null, string? meter = null) =>
        _storeErrors.Add(
            1,
            new KeyValuePair<string, object?>(BillingTelemetry.ErrorTypeTag, error.GetType().Name),
            new KeyValuePair<string, object?>(BillingTelemetry.TenantTag, tenantId),
            new KeyValuePair<string, object?>(BillingTelemetry.MeterTag, meter));

    public void RecordWebhook(string outcome) => _webhooks.Add(1, new KeyValuePair<string, object?>(BillingTelemetry.OutcomeTag, outcome));

    private static string OutcomeName(QuotaDenialReason reason) => reason switch
    {
        QuotaDenialReason.None => "granted",
        QuotaDenialReason.LimitReached => "limit_reached",
        QuotaDenialReason.NotInPlan => "not_in_plan",
        _ => "store_unavailable",
    };
}

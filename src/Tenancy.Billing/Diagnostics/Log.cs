using Microsoft.Extensions.Logging;

namespace Tenancy.Billing.Diagnostics;

/// <summary>Tenancy.Billing's log messages (event ids 6000–6999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6000, EventName = "PlanCatalogReloaded", Level = LogLevel.Information, Message = "The plan catalogue was reloaded ({PlanCount} plans).")]
    public static partial void PlanCatalogReloaded(ILogger logger, int planCount);

    [LoggerMessage(EventId = 6001, EventName = "PlanCatalogReloadRejected", Level = LogLevel.Error, Message = "A reloaded plan catalogue is invalid and was ignored; the previous catalogue stays in force.")]
    public static partial void PlanCatalogReloadRejected(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6010, EventName = "OverrideSet", Level = LogLevel.Warning, Message = "Audit: limit override for tenant {TenantId} on meter {Meter} set to {Limit} until {ExpiresAt}, approved by {ApprovedBy}: {Reason}")]
    public static partial void OverrideSet(ILogger logger, string tenantId, string meter, long limit, DateTimeOffset expiresAt, string approvedBy, string reason);

    [LoggerMessage(EventId = 6011, EventName = "OverrideRemoved", Level = LogLevel.Warning, Message = "Audit: limit override for tenant {TenantId} on meter {Meter} removed by {RemovedBy}.")]
    public static partial void OverrideRemoved(ILogger logger, string tenantId, string meter, string removedBy);

    [LoggerMessage(EventId = 6020, EventName = "EventHandlerFailed", Level = LogLevel.Error, Message = "The billing event handler {Handler} failed on {EventType} for tenant {TenantId}.")]
    public static partial void EventHandlerFailed(ILogger logger, string handler, string eventType, string tenantId, Exception exception);

    [LoggerMessage(EventId = 6030, EventName = "RedisUnavailable", Level = LogLevel.Warning, Message = "Redis is unavailable for meter {Meter} of tenant {TenantId}; policy {Policy}.")]
    public static partial void RedisUnavailable(ILogger logger, string meter, string tenantId, string policy, Exception? exception);

    [LoggerMessage(EventId = 6031, EventName = "RedisReconciled", Level = LogLevel.Information, Message = "Redis is back: {Units} units counted locally during the outage were added to the shared counters.")]
    public static partial void RedisReconciled(ILogger logger, long units);

    [LoggerMessage(EventId = 6032, EventName = "RedisReconcileFailed", Level = LogLevel.Warning, Message = "Reconciling locally counted usage with Redis failed; it will be retried.")]
    public static partial void RedisReconcileFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6040, EventName = "WebhookRejected", Level = LogLevel.Warning, Message = "A Stripe webhook was rejected: {Reason}.")]
    public static partial void WebhookRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 6041, EventName = "WebhookDuplicate", Level = LogLevel.Information, Message = "The Stripe event {EventId} was already processed; acknowledged.")]
    public static partial void WebhookDuplicate(ILogger logger, string eventId);

    [LoggerMessage(EventId = 6042, EventName = "WebhookIgnored", Level = LogLevel.Debug, Message = "The Stripe event {EventId} of type {EventType} is not handled; acknowledged.")]
    public static partial void WebhookIgnored(ILogger logger, string eventId, string eventType);

    [LoggerMessage(EventId = 6043, EventName = "WebhookNoTenant", Level = LogLevel.Warning, Message = "The Stripe event {EventId} of type {EventType} names no known tenant; acknowledged.")]
    public static partial void WebhookNoTenant(ILogger logger, string eventId, string eventType);

    [LoggerMessage(EventId = 6044, EventName = "TenantBillingChanged", Level = LogLevel.Information, Message = "Tenant {TenantId}: plan {Plan}, status {Status} after Stripe event {EventType}.")]
    public static partial void TenantBillingChanged(ILogger logger, string tenantId, string? plan, TenantStatus status, string eventType);

    [LoggerMessage(EventId = 6045, EventName = "UnknownStripePrice", Level = LogLevel.Warning, Message = "The Stripe subscription of tenant {TenantId} is on price {Price}, which no plan names; the plan is unchanged.")]
    public static partial void UnknownStripePrice(ILogger logger, string tenantId, string price);

    [LoggerMessage(EventId = 6050, EventName = "UsageReported", Level = LogLevel.Information, Message = "Reported {Quantity} units of meter {Meter} for tenant {TenantId} to Stripe.")]
    public static partial void UsageReported(ILogger logger, string tenantId, string meter, long quantity);

    [LoggerMessage(EventId = 6051, EventName = "UsageReportFailed", Level = LogLevel.Warning, Message = "Reporting usage of meter {Meter} for tenant {TenantId} to Stripe failed; it will be retried with the same identifier.")]
    public static partial void UsageReportFailed(ILogger logger, string tenantId, string meter, Exception exception);

    [LoggerMessage(EventId = 6052, EventName = "BillingRunFailed", Level = LogLevel.Warning, Message = "A background billing run (payment grace, usage report) failed; the next run repeats it.")]
    public static partial void BillingRunFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6060, EventName = "SnapshotFailed", Level = LogLevel.Warning, Message = "Writing usage snapshots failed; the next run writes them again.")]
    public static partial void SnapshotFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6061, EventName = "SnapshotsWritten", Level = LogLevel.Information, Message = "Wrote {Count} usage snapshots for {Day}.")]
    public static partial void SnapshotsWritten(ILogger logger, int count, DateOnly day);
}

using System.Diagnostics;

namespace Tenancy.Billing.Diagnostics;

/// <summary>The names Tenancy.Billing reports telemetry under.</summary>
public static class BillingTelemetry
{
    /// <summary>The meter and activity source name.</summary>
    public const string Name = "Tenancy.Billing";

    /// <summary>The tenant id attribute.</summary>
    public const string TenantTag = "tenancy.tenant.id";

    /// <summary>The meter name attribute.</summary>
    public const string MeterTag = "tenancy.billing.meter";

    /// <summary>The outcome attribute (<c>granted</c>, <c>limit_reached</c> …).</summary>
    public const string OutcomeTag = "tenancy.billing.outcome";

    /// <summary>The alert threshold attribute (percent).</summary>
    public const string ThresholdTag = "tenancy.billing.threshold";

    /// <summary>The error type attribute.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>The activity source for webhooks, reporting and snapshots.</summary>
    internal static readonly ActivitySource Source = new(Name);
}

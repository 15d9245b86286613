namespace Tenancy.Billing.Payments;

/// <summary>What the webhook processor did with a delivery.</summary>
internal enum WebhookOutcome
{
    /// <summary>Verified and processed.</summary>
    Processed,

    /// <summary>Verified; already processed before (acknowledged, nothing done).</summary>
    Duplicate,

    /// <summary>Verified; a type that is not handled or names no known tenant (acknowledged, nothing done).</summary>
    Ignored,

    /// <summary>The signature, timestamp or payload is not valid (400, nothing done).</summary>
    Rejected,
}

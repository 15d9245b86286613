using System.ComponentModel.DataAnnotations;

namespace Tenancy.Billing.Payments;

/// <summary>Options of the Stripe integration (bound from a <c>Stripe</c> configuration section or set in code).</summary>
public sealed class StripeBillingOptions
{
    /// <summary>The secret API key (<c>sk_test_…</c> for test mode). Never logged.</summary>
    [Required]
    public string ApiKey { get; set; } = "";

    /// <summary>The webhook endpoint's signing secret (<c>whsec_…</c>). Never logged.</summary>
    [Required]
    public string WebhookSecret { get; set; } = "";

    /// <summary>Another API base address (a local Stripe-compatible server in tests); Stripe's own when empty.</summary>
    [Url]
    public string? ApiBase { get; set; }

    /// <summary>How old a webhook's signed timestamp may be (replay protection).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after a failed payment the tenant is suspended unless an invoice is paid.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00")]
    public TimeSpan PaymentGracePeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often usage is reported to Stripe and the payment grace is enforced (0 turns the background runs off).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The subscription metadata key that names the tenant id (set when the host creates the subscription).</summary>
    [Required]
    public string TenantMetadataKey { get; set; } = "tenant_id";
}

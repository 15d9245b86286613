namespace Tenancy.Billing.Http;

/// <summary>The response headers that tell a client where it stands against a quota.</summary>
public static class QuotaHeaders
{
    /// <summary>The limit of the meter in the period.</summary>
    public const string Limit = "X-Quota-Limit";

    /// <summary>What may still be consumed in the period.</summary>
    public const string Remaining = "X-Quota-Remaining";

    /// <summary>Seconds until the period ends and the counter starts again (absent for meters that never reset).</summary>
    public const string Reset = "X-Quota-Reset";
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tenancy.Billing.Tests.Infrastructure;

/// <summary>Builds Stripe event payloads and signs them as Stripe documents: <c>t=…,v1=hex(HMAC-SHA256(secret, "t.payload"))</c>.</summary>
public static class StripeWebhooks
{
    public const string Secret = "whsec_tenancy_test";

    public static string Sign(string payload, DateTimeOffset at, string secret = Secret)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + payload));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    public static string Event(string id, string type, object data, DateTimeOffset created) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = id,
        ["object"] = "event",
        ["api_version"] = "2025-11-17.clover",
        ["created"] = created.ToUnixTimeSeconds(),
        ["type"] = type,
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new Dictionary<string, object?> { ["id"] = null, ["idempotency_key"] = null },
        ["data"] = new Dictionary<string, object?> { ["object"] = data },
    });

    public static object Subscription(string id, string customer, string price, string? tenantId, DateTimeOffset anchor, string status = "active", DateTimeOffset? trialEnd = null) => new Dictionary<string, object?>
    {
        ["id"] = id,
        ["object"] = "subscription",
        ["customer"] = customer,
        ["status"] = status,
        ["billing_cycle_anchor"] = anchor.ToUnixTimeSeconds(),
        ["trial_end"] = trialEnd?.ToUnixTimeSeconds(),
        ["metadata"] = tenantId is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["tenant_id"] = tenantId },
        ["items"] = new Dictionary<string, object?>
        {
            ["object"] = "list",
            ["data"] = new object[]
            {
                new Dictionary<string, object?>
                {
                    ["id"] = "si_" + id,
                    ["object"] = "subscription_item",
                    ["price"] = new Dictionary<string, object?> { ["id"] = price, ["object"] = "price" },
                    ["quantity"] = 1,
                },
            },
            ["has_more"] = false,
        },
    };

    public static object Invoice(string id, string customer) => new Dictionary<string, object?>
    {
        ["id"] = id,
        ["object"] = "invoice",
        ["customer"] = customer,
        ["status"] = "open",
    };
}

using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Billing;

namespace Tenancy.Billing.Payments;

/// <summary>This package's own Stripe.net client (no shared <see cref="IStripeClient"/> registration), pointed at <see cref="StripeBillingOptions.ApiBase"/> when set.</summary>
internal sealed class BillingStripeClient(IOptions<StripeBillingOptions> options)
{
    private readonly Lazy<StripeClient> _client = new(() =>
    {
        var o = options.Value;
        var apiBase = string.IsNullOrWhiteSpace(o.ApiBase) ? null : o.ApiBase.TrimEnd('/');
        return new StripeClient(apiKey: o.ApiKey, apiBase: apiBase, meterEventsBase: apiBase);
    });

    public MeterEventService MeterEvents => new(_client.Value);
}

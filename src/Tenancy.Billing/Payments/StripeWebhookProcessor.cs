using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Stripe;
using Tenancy.Billing.Diagnostics;
using Tenancy.Billing.Events;
using Tenancy.Billing.Plans;
using Tenancy.Stores;

namespace Tenancy.Billing.Payments;

/// <summary>
/// Verifies a webhook with Stripe.net's <see cref="EventUtility.ConstructEvent(string, string, string, long, bool)"/>
/// (signature and timestamp tolerance), claims the event id so it is processed at most once, and applies
/// subscription and invoice events to the tenant through <see cref="IWritableTenantStore"/> (so caches invalidate).
/// </summary>
internal sealed class StripeWebhookProcessor(
    IOptions<StripeBillingOptions> options,
    IStripeEventLedger ledger,
    IWritableTenantStore tenants,
    IPlanCatalog catalog,
    IOptions<PlanCatalogOptions> catalogOptions,
    BillingEventDispatcher events,
    BillingMetrics metrics,
    TimeProvider time,
    ILogger<StripeWebhookProcessor>? logger = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public async Task<WebhookOutcome> ProcessAsync(string json, string? signature, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        Event stripeEvent;
        try
        {
            var tolerance = (long)settings.WebhookTolerance.TotalSeconds;
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            stripeEvent = EventUtility.ConstructEvent(json, signature ?? "", settings.WebhookSecret, tolerance, now, throwOnApiVersionMismatch: false);
        }
        catch (StripeException ex)
        {
            Log.WebhookRejected(_logger, ex.Message);
            metrics.RecordWebhook("rejected");
            return WebhookOutcome.Rejected;
        }

        using var activity = BillingTelemetry.Source.StartActivity("stripe.webhook");
        activity?.SetTag("stripe.event.type", stripeEvent.Type);
        if (!await ledger.TryClaimAsync(stripeEvent.Id, cancellationToken).ConfigureAwait(false))
        {
            Log.WebhookDuplicate(_logger, stripeEvent.Id);
            metrics.RecordWebhook("duplicate");
            return WebhookOutcome.Duplicate;
        }

        try
        {
            var handled = await ApplyAsync(stripeEvent, cancellationToken).ConfigureAwait(false);
            metrics.RecordWebhook(handled ? "processed" : "ignored");
            return handled ? WebhookOutcome.Processed : WebhookOutcome.Ignored;
        }
        catch
        {
            await ledger.ReleaseAsync(stripeEvent.Id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<bool> ApplyAsync(Event stripeEvent, CancellationToken cancellationToken)
    {
        switch (stripeEvent.Type)
        {
            case EventTypes.CustomerSubscriptionCreated:
            case EventTypes.CustomerSubscriptionUpdated:
            case EventTypes.CustomerSubscriptionDeleted:
            case EventTypes.CustomerSubscriptionTrialWillEnd:
                if (stripeEvent.Data.Object is not Subscription subscription)
                {
                    break;
                }

                var owner = await FindTenantAsync(subscription.Metadata, subscription.CustomerId, cancellationToken).ConfigureAwait(false);
                if (owner is null)
                {
                    Log.WebhookNoTenant(_logger, stripeEvent.Id, stripeEvent.Type);
                    return false;
                }

                if (stripeEvent.Type == EventTypes.CustomerSubscriptionTrialWillEnd)
                {
                    events.Publish(new TrialEnding(owner.Id, new DateTimeOffset(stripeEvent.Created, TimeSpan.Zero), subscription.TrialEnd is { } end ? new DateTimeOffset(end, TimeSpan.Zero) : null));
                    return true;
                }

                await ApplySubscriptionAsync(owner, subscription, stripeEvent.Type, cancellationToken).ConfigureAwait(false);
                return true;

            case EventTypes.InvoicePaid:
            case EventTypes.InvoicePaymentFailed:
                if (stripeEvent.Data.Object is not Invoice invoice || invoice.CustomerId is null)
                {
                    break;
                }

                var payer = await TenantDirectory.FindByPropertyAsync(tenants, BillingTenantProperties.StripeCustomerId, invoice.CustomerId, cancellationToken).ConfigureAwait(false);
                if (payer is null)
                {
                    Log.WebhookNoTenant(_logger, stripeEvent.Id, stripeEvent.Type);
                    return false;
                }

                await ApplyInvoiceAsync(payer, stripeEvent.Type == EventTypes.InvoicePaid, stripeEvent.Type, cancellationToken).ConfigureAwait(false);
                return true;
        }

        Log.WebhookIgnored(_logger, stripeEvent.Id, stripeEvent.Type);
        return false;
    }

    private async Task<TenantInfo?> FindTenantAsync(IDictionary<string, string>? metadata, string? customerId, CancellationToken cancellationToken)
    {
        if (metadata is not null && metadata.TryGetValue(options.Value.TenantMetadataKey, out var tenantId)
            && await tenants.FindByIdAsync(tenantId, cancellationToken).ConfigureAwait(false) is { } byMetadata)
        {
            // The metadata names the tenant; a customer id recorded earlier must agree, so one tenant's customer cannot move another tenant.
            if (byMetadata.Properties.TryGetValue(BillingTenantProperties.StripeCustomerId, out var known) && customerId is not null && known != customerId)
            {
                return null;
            }

            return byMetadata;
        }

        return customerId is null ? null : await TenantDirectory.FindByPropertyAsync(tenants, BillingTenantProperties.StripeCustomerId, customerId, cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplySubscriptionAsync(TenantInfo tenant, Subscription subscription, string type, CancellationToken cancellationToken)
    {
        var properties = TenantDirectory.With(tenant, BillingTenantProperties.StripeCustomerId, subscription.CustomerId);
        var updated = tenant with { Properties = properties };
        if (type == EventTypes.CustomerSubscriptionDeleted)
        {
            updated = updated with
            {
                Plan = catalogOptions.Value.DefaultPlan,
                Properties = TenantDirectory.With(updated, BillingTenantProperties.StripeSubscriptionId, null),
            };
        }
        else
        {
            updated = updated with
            {
                Properties = TenantDirectory.With(
                    updated with { Properties = TenantDirectory.With(updated, BillingTenantProperties.StripeSubscriptionId, subscription.Id) },
                    BillingTenantProperties.BillingAnchor,
                    new DateTimeOffset(subscription.BillingCycleAnchor, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture)),
            };
            var price = subscription.Items?.Data?.FirstOrDefault()?.Price?.Id;
            if (price is not null)
            {
                if (catalog.FindByStripePrice(price) is { } plan)
                {
                    updated = updated with { Plan = plan.Id };
                }
                else
                {
                    Log.UnknownStripePrice(_logger, tenant.Id, price);
                }
            }
        }

        await SaveAsync(tenant, updated, type, cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplyInvoiceAsync(TenantInfo tenant, bool paid, string type, CancellationToken cancellationToken)
    {
        TenantInfo updated;
        if (paid)
        {
            var properties = TenantDirectory.With(tenant, BillingTenantProperties.PaymentFailedAt, null);
            var reactivate = tenant.Properties.ContainsKey(BillingTenantProperties.SuspendedForNonPayment);
            properties = TenantDirectory.With(tenant with { Properties = properties }, BillingTenantProperties.SuspendedForNonPayment, null);
            updated = tenant with { Properties = properties, Status = reactivate && tenant.Status == TenantStatus.Suspended ? TenantStatus.Active : tenant.Status };
        }
        else
        {
            if (tenant.Properties.ContainsKey(BillingTenantProperties.PaymentFailedAt))
            {
                return; // the grace runs from the first failure
            }

            updated = tenant with
            {
                Properties = TenantDirectory.With(tenant, BillingTenantProperties.PaymentFailedAt, time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)),
            };
        }

        await SaveAsync(tenant, updated, type, cancellationToken).ConfigureAwait(false);
    }

    private async Task SaveAsync(TenantInfo before, TenantInfo after, string type, CancellationToken cancellationToken)
    {
        if (before.Equals(after))
        {
            return;
        }

        await tenants.UpdateAsync(after, cancellationToken).ConfigureAwait(false);
        Log.TenantBillingChanged(_logger, after.Id, after.Plan, after.Status, type);
        events.Publish(new TenantBillingChanged(after.Id, time.GetUtcNow(), after.Plan, after.Status, type));
    }
}

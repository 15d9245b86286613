namespace Tenancy.Billing.Quotas;

/// <summary>What a counter store did with a consume.</summary>
/// <param name="Reason">Granted (<see cref="QuotaDenialReason.None"/>) or why not.</param>
/// <param name="Used">The usage after the call.</param>
/// <param name="Shared">Whether <paramref name="Used"/> comes from the shared counter (so crossings are seen once across instances).</param>
/// <param name="Before">The shared usage before the call when it differs from <c>Used - amount</c> (a lease), else -1.</param>
internal readonly record struct CounterOutcome(QuotaDenialReason Reason, long Used, bool Shared = true, long Before = -1);

namespace Tenancy.Idempotency;

/// <summary>
/// Claims an idempotency key atomically across every process that shares the store, so that concurrent duplicates run once.
/// The <c>Idempotency-Key</c> middleware of Tenancy.AspNetCore uses it when one is registered (Tenancy.Redis:
/// <c>AddRedisIdempotency(...)</c>); without one, duplicates are refused atomically within a process only.
/// </summary>
public interface IIdempotencyClaims
{
    /// <summary>Claims <paramref name="key"/> until the returned claim is disposed or <paramref name="expiry"/> passes.</summary>
    /// <param name="key">The key (tenant, method, route and idempotency key).</param>
    /// <param name="expiry">How long the claim holds if its owner never releases it (a crashed process).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The claim (dispose it to release), or <see langword="null"/> when another request holds the key.</returns>
    ValueTask<IAsyncDisposable?> TryClaimAsync(string key, TimeSpan expiry, CancellationToken cancellationToken = default);
}

using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;
using Tenancy.AspNetCore.Diagnostics;

namespace Tenancy.AspNetCore.Sso;

/// <summary>
/// Discovery documents and signing keys per metadata address, fetched on first use, kept for
/// <see cref="TenantSsoOptions.MetadataRefreshInterval"/>, and fetched again for a token whose <c>kid</c> is unknown — at
/// most once per <see cref="TenantSsoOptions.KeyRefreshMinimumInterval"/> per address, one fetch at a time, so forged key ids
/// cannot make the app hammer a provider. A failed fetch keeps the keys it had.
/// </summary>
/// <remarks>
/// Written here rather than with <c>ConfigurationManager&lt;T&gt;</c>: that one refreshes in the background after
/// <c>RequestRefresh()</c> and answers the current request with the old keys, whereas a rotated key must validate its first
/// token, and the number of fetches must be bounded and observable.
/// </remarks>
internal sealed class OidcMetadataCache(IHttpClientFactory http, IOptions<TenantSsoOptions> options, TimeProvider time, AspNetCoreMetrics metrics, ILogger<OidcMetadataCache> logger)
{
    public const string HttpClientName = "Tenancy.Sso";

    private readonly ConcurrentDictionary<string, OidcMetadata> _entries = new(StringComparer.Ordinal);
    private readonly TenantSsoOptions _options = options.Value;

    /// <summary>Returns the metadata of an address, fetching it when missing or stale; <see langword="null"/> when it cannot be had.</summary>
    public ValueTask<OidcMetadata?> GetAsync(string address, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(address, static a => new OidcMetadata(a));
        var current = entry.Current;
        if (current is not null && time.GetUtcNow() - current.FetchedAt < _options.MetadataRefreshInterval)
        {
            return ValueTask.FromResult<OidcMetadata?>(entry);
        }

        return FetchAsync(entry, current is null ? "first use" : "expired", force: false, cancellationToken);
    }

    /// <summary>Fetches the keys again because a token names a key id that is not among them, unless that happened too recently.</summary>
    /// <returns>The metadata, refreshed when the rate limit allowed it.</returns>
    public async ValueTask<OidcMetadata?> RefreshForUnknownKeyAsync(OidcMetadata entry, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (entry)
        {
            // Rate limited on its own clock: the scheduled fetches do not count, so a key rotated just after start-up is
            // picked up by its first token, while a flood of forged key ids makes at most one fetch per interval.
            if (entry.LastUnknownKeyRefresh != default && now - entry.LastUnknownKeyRefresh < _options.KeyRefreshMinimumInterval)
            {
                Log.KeyRefreshThrottled(logger, entry.Address);
                return entry;
            }

            entry.LastUnknownKeyRefresh = now;
        }

        return await FetchAsync(entry, "unknown key id", force: true, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<OidcMetadata?> FetchAsync(OidcMetadata entry, string reason, bool force, CancellationToken cancellationToken)
    {
        var attemptBefore = entry.LastAttempt;
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller fetched while this one waited: use its result rather than fetching again.
            if (!force && entry.LastAttempt != attemptBefore && entry.Current is not null)
            {
                return entry;
            }

            if (!force && entry.Current is null && time.GetUtcNow() - entry.LastAttempt < _options.KeyRefreshMinimumInterval && entry.LastAttempt != default)
            {
                return null; // The provider failed recently: do not retry on every request.
            }

            entry.LastAttempt = time.GetUtcNow();
            try
            {
                var retriever = new HttpDocumentRetriever(http.CreateClient(HttpClientName)) { RequireHttps = _options.RequireHttpsMetadata };
                var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(entry.Address, retriever, cancellationToken).ConfigureAwait(false);
                var keys = configuration.SigningKeys.Where(k => k is RsaSecurityKey or ECDsaSecurityKey or JsonWebKey { Kty: "RSA" or "EC" }).ToArray();
                entry.Current = new OidcMetadataSnapshot(
                    configuration,
                    keys,
                    keys.Where(k => k.KeyId is { Length: > 0 }).Select(k => k.KeyId).Distinct(StringComparer.Ordinal).ToFrozenSet(StringComparer.Ordinal),
                    time.GetUtcNow());
                Log.MetadataFetched(logger, entry.Address, keys.Length, reason);
                metrics.SsoMetadataFetched(reason, succeeded: true);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.MetadataFetchFailed(logger, entry.Address, ex);
                metrics.SsoMetadataFetched(reason, succeeded: false);
            }

            return entry.Current is null ? null : entry;
        }
        finally
        {
            entry.Gate.Release();
        }
    }
}

using Tenancy.Stores;

namespace Tenancy.Billing.Payments;

/// <summary>Walks every tenant of the store a page at a time (reporting, grace enforcement, customer lookup).</summary>
internal static class TenantDirectory
{
    public static async IAsyncEnumerable<TenantInfo> AllAsync(ITenantStore store, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var page = await store.ListAsync(new TenantPageRequest(500, token), cancellationToken).ConfigureAwait(false);
            foreach (var tenant in page.Items)
            {
                yield return tenant;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    public static async ValueTask<TenantInfo?> FindByPropertyAsync(ITenantStore store, string key, string value, CancellationToken cancellationToken)
    {
        await foreach (var tenant in AllAsync(store, cancellationToken).ConfigureAwait(false))
        {
            if (tenant.Properties.TryGetValue(key, out var found) && found == value)
            {
                return tenant;
            }
        }

        return null;
    }

    public static IReadOnlyDictionary<string, string> With(TenantInfo tenant, string key, string? value)
    {
        var copy = new Dictionary<string, string>(tenant.Properties, StringComparer.Ordinal);
        if (value is null)
        {
            copy.Remove(key);
        }
        else
        {
            copy[key] = value;
        }

        return copy;
    }
}

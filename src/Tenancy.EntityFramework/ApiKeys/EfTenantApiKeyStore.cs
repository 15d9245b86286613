using Microsoft.EntityFrameworkCore;
using Tenancy.ApiKeys;
using Tenancy.EntityFramework.Platform;
using Tenancy.Stores;

namespace Tenancy.EntityFramework.ApiKeys;

/// <summary>
/// <see cref="ITenantApiKeyStore"/> in EF Core. Keys live in the tenant-scoped <c>TenantApiKeys</c> table, read and written
/// inside their tenant (query filter, save guards and row-level security apply); the global <c>TenantApiKeyIndex</c>
/// only maps a key id to its tenant, so a presented key can be found before the tenant is known.
/// </summary>
/// <typeparam name="TContext">A context whose model calls <c>ApplyTenancyPlatform()</c>.</typeparam>
public sealed class EfTenantApiKeyStore<TContext> : PlatformStoreBase<TContext>, ITenantApiKeyStore
    where TContext : DbContext, ITenantDbContext
{
    /// <summary>Creates the store.</summary>
    /// <param name="contexts">Creates contexts.</param>
    /// <param name="tenants">Finds tenants by id.</param>
    /// <param name="currentTenant">The current-tenant accessor the contexts read.</param>
    public EfTenantApiKeyStore(IDbContextFactory<TContext> contexts, ITenantStore tenants, ICurrentTenant currentTenant)
        : base(contexts, tenants, currentTenant)
    {
    }

    /// <inheritdoc />
    public async Task AddAsync(StoredTenantApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var tenant = await FindTenantAsync(key.Key.TenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.Add(new TenantApiKeyIndexRecord { Id = key.Key.Id, TenantId = tenant.Id });
        db.Add(new TenantApiKeyRecord
        {
            Id = key.Key.Id,
            Name = key.Key.Name,
            Scopes = string.Join(' ', key.Key.Scopes),
            SecretHash = key.SecretHash,
            CreatedAt = key.Key.CreatedAt,
            CreatedBy = key.Key.CreatedBy,
            ExpiresAt = key.Key.ExpiresAt,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredTenantApiKey?> FindAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        string? tenantId;
        await using (var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            tenantId = await db.Set<TenantApiKeyIndexRecord>().Where(k => k.Id == keyId).Select(k => k.TenantId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }

        if (tenantId is null || await Tenants.FindByIdAsync(tenantId, cancellationToken).ConfigureAwait(false) is not { } tenant)
        {
            return null;
        }

        using var scope = CurrentTenant.Begin(tenant);
        await using var tenantDb = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var record = await tenantDb.Set<TenantApiKeyRecord>().AsNoTracking().FirstOrDefaultAsync(k => k.Id == keyId, cancellationToken).ConfigureAwait(false);
        return record is null ? null : new StoredTenantApiKey(ToKey(record), record.SecretHash);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TenantApiKey>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var tenant = await FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<TenantApiKeyRecord>().AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(ToKey).ToArray();
    }

    /// <inheritdoc />
    public Task<bool> RevokeAsync(string tenantId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default) =>
        ChangeAsync(tenantId, keyId, record => record.RevokedAt ??= revokedAt, cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetExpiryAsync(string tenantId, string keyId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        ChangeAsync(tenantId, keyId, record => record.ExpiresAt = expiresAt, cancellationToken);

    /// <inheritdoc />
    public async Task RecordUsageAsync(IReadOnlyCollection<TenantApiKeyUsage> usages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(usages);
        foreach (var group in usages.GroupBy(u => u.TenantId, StringComparer.Ordinal))
        {
            if (await Tenants.FindByIdAsync(group.Key, cancellationToken).ConfigureAwait(false) is not { } tenant)
            {
                continue;
            }

            using var scope = CurrentTenant.Begin(tenant);
            await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var latest = group.GroupBy(u => u.KeyId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(u => u.UsedAt), StringComparer.Ordinal);
            var ids = latest.Keys.ToArray();
            foreach (var record in await db.Set<TenantApiKeyRecord>().Where(k => ids.Contains(k.Id)).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                var usedAt = latest[record.Id];
                if (record.LastUsedAt is not { } last || last < usedAt)
                {
                    record.LastUsedAt = usedAt;
                }
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<int> DeleteAllAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var tenant = await FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await db.Set<TenantApiKeyRecord>().ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Set<TenantApiKeyIndexRecord>().Where(k => k.TenantId == tenant.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    private static TenantApiKey ToKey(TenantApiKeyRecord r) =>
        new(r.Id, r.TenantId, r.Name, Split(r.Scopes), r.CreatedAt, r.CreatedBy, r.ExpiresAt, r.RevokedAt, r.LastUsedAt);

    /// <summary>Applies <paramref name="change"/> to one of the tenant's keys, as that tenant; <see langword="false"/> when it has no such key.</summary>
    private async Task<bool> ChangeAsync(string tenantId, string keyId, Action<TenantApiKeyRecord> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var tenant = await FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var record = await db.Set<TenantApiKeyRecord>().FirstOrDefaultAsync(k => k.Id == keyId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return false; // none, or another tenant's (the filter hides it)
        }

        change(record);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}

using Microsoft.EntityFrameworkCore;
using Tenancy.Secrets;

namespace Tenancy.EntityFramework.Sso;

/// <summary><see cref="ITenantSecretStore"/> in EF Core (<c>TenantSecrets</c>; values arrive encrypted and stay so).</summary>
/// <typeparam name="TContext">A context whose model calls <c>ApplyTenancySso()</c>.</typeparam>
public sealed class EfTenantSecretStore<TContext> : ITenantSecretStore
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">Creates contexts.</param>
    public EfTenantSecretStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<StoredTenantSecret?> FindAsync(string tenantId, TenantSecretKind kind, string name, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Set<TenantSecretRecord>().AsNoTracking()
            .FirstOrDefaultAsync(s => s.TenantId == tenantId && s.Kind == (int)kind && s.Name == name, cancellationToken).ConfigureAwait(false);
        return row is null ? null : new StoredTenantSecret(Info(row), row.ProtectedValue);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TenantSecretInfo>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<TenantSecretRecord>().AsNoTracking().Where(s => s.TenantId == tenantId)
            .Select(s => new TenantSecretRecord { TenantId = s.TenantId, Kind = s.Kind, Name = s.Name, Version = s.Version, CreatedAt = s.CreatedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.OrderBy(r => r.Kind).ThenBy(r => r.Name, StringComparer.Ordinal).Select(Info)];
    }

    /// <inheritdoc />
    public async Task SaveAsync(StoredTenantSecret secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var info = secret.Info;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Set<TenantSecretRecord>()
            .FirstOrDefaultAsync(s => s.TenantId == info.TenantId && s.Kind == (int)info.Kind && s.Name == info.Name, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            row = new TenantSecretRecord { TenantId = info.TenantId, Kind = (int)info.Kind, Name = info.Name };
            db.Add(row);
        }

        row.Version = info.Version;
        row.CreatedAt = info.CreatedAt;
        row.ProtectedValue = secret.ProtectedValue;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string tenantId, TenantSecretKind kind, string name, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Set<TenantSecretRecord>().Where(s => s.TenantId == tenantId && s.Kind == (int)kind && s.Name == name)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<int> DeleteAllAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Set<TenantSecretRecord>().Where(s => s.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static TenantSecretInfo Info(TenantSecretRecord row) =>
        new(row.TenantId, (TenantSecretKind)row.Kind, row.Name, row.Version, row.CreatedAt);
}

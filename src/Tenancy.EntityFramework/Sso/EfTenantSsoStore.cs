using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tenancy.Sso;

namespace Tenancy.EntityFramework.Sso;

/// <summary><see cref="ITenantSsoStore"/> in EF Core (<c>TenantSsoProviders</c>, <c>TenantExternalLogins</c>).</summary>
/// <typeparam name="TContext">A context whose model calls <c>ApplyTenancySso()</c>.</typeparam>
public sealed class EfTenantSsoStore<TContext> : ITenantSsoStore
    where TContext : DbContext
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">Creates contexts.</param>
    public EfTenantSsoStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<TenantSsoSettings?> FindAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var json = await db.Set<TenantSsoSettingsRecord>().Where(p => p.TenantId == tenantId).Select(p => p.Settings).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return json is null ? null : Read(json);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TenantSsoSettings>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<TenantSsoSettingsRecord>().AsNoTracking().Select(p => p.Settings).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(Read)];
    }

    /// <inheritdoc />
    public async Task SaveAsync(TenantSsoSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Set<TenantSsoSettingsRecord>().FirstOrDefaultAsync(p => p.TenantId == settings.TenantId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            row = new TenantSsoSettingsRecord { TenantId = settings.TenantId };
            db.Add(row);
        }

        row.Issuer = settings.EffectiveIssuer;
        row.Settings = JsonSerializer.Serialize(settings, Json);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var logins = await db.Set<TenantExternalLoginRecord>().Where(l => l.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var providers = await db.Set<TenantSsoSettingsRecord>().Where(p => p.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return logins + providers > 0;
    }

    /// <inheritdoc />
    public async Task<string?> FindLoginAsync(string tenantId, string issuer, string subject, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Set<TenantExternalLoginRecord>()
            .Where(l => l.TenantId == tenantId && l.Issuer == issuer && l.Subject == subject)
            .Select(l => l.UserId)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<string> AddLoginAsync(string tenantId, string issuer, string subject, string userId, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            db.Add(new TenantExternalLoginRecord { TenantId = tenantId, Issuer = issuer, Subject = subject, UserId = userId });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return userId;
        }
        catch (DbUpdateException)
        {
            // The primary key refused a second link: a concurrent first sign-in won; its user id is the one.
            return await FindLoginAsync(tenantId, issuer, subject, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The external login could not be stored.");
        }
    }

    private static TenantSsoSettings Read(string json) =>
        JsonSerializer.Deserialize<TenantSsoSettings>(json, Json) ?? throw new InvalidOperationException("A stored SSO provider is not readable.");
}

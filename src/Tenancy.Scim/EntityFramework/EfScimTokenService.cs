using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tenancy.EntityFramework;
using Tenancy.Scim.Credentials;

namespace Tenancy.Scim.EntityFramework;

/// <summary>SCIM tokens in the <c>ScimCredentials</c> table of <typeparamref name="TContext"/>.</summary>
/// <typeparam name="TContext">The context whose model has <c>ApplyTenancyScim()</c>.</typeparam>
internal sealed class EfScimTokenService<TContext>(IServiceScopeFactory scopes, TimeProvider time, IOptions<ScimOptions> options) : IScimTokenService
    where TContext : DbContext, ITenantDbContext
{
    public async Task<ScimIssuedToken> IssueAsync(string tenantId, string description, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(description);
        var (id, token, hash) = ScimTokenFormat.Create();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        db.Add(new ScimCredentialRecord
        {
            Id = id,
            TenantId = tenantId,
            SecretHash = hash,
            Description = description.Length > 256 ? description[..256] : description,
            Created = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new ScimIssuedToken(id, tenantId, token);
    }

    public async Task<bool> RevokeAsync(string tenantId, string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenId);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var revoked = await db.Set<ScimCredentialRecord>()
            .Where(c => c.Id == tokenId && c.TenantId == tenantId && c.Revoked == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Revoked, now), cancellationToken).ConfigureAwait(false);
        return revoked > 0;
    }

    public async Task<IReadOnlyList<ScimTokenInfo>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var rows = await db.Set<ScimCredentialRecord>().AsNoTracking().Where(c => c.TenantId == tenantId).OrderBy(c => c.Created)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(c => new ScimTokenInfo(c.Id, c.TenantId, c.Description, Utc(c.Created), Utc(c.LastUsed), Utc(c.Revoked))).ToList();
    }

    public async Task<string?> AuthenticateAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!ScimTokenFormat.TryParse(token, out var id, out var secret))
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var row = await db.Set<ScimCredentialRecord>().AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new { c.TenantId, c.SecretHash, c.Revoked, c.LastUsed })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

        // Hash and compare even when the id is unknown, so timing does not tell known ids from unknown ones.
        var expected = row?.SecretHash ?? new byte[32];
        var matches = CryptographicOperations.FixedTimeEquals(ScimTokenFormat.Hash(secret), expected);
        if (row is null || !matches || row.Revoked is not null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (row.LastUsed is null || now - row.LastUsed.Value >= options.Value.LastUsedResolution)
        {
            // One UPDATE per token per LastUsedResolution, not per request.
            var stale = now - options.Value.LastUsedResolution;
            await db.Set<ScimCredentialRecord>().Where(c => c.Id == id && (c.LastUsed == null || c.LastUsed < stale))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsed, now), cancellationToken).ConfigureAwait(false);
        }

        return row.TenantId;
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}

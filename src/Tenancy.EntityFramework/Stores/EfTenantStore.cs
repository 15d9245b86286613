using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tenancy.Events;
using Tenancy.Stores;

namespace Tenancy.EntityFramework.Stores;

/// <summary>
/// A writable tenant store in a relational database through EF Core (tables from <see cref="TenantStoreModelBuilderExtensions.ApplyTenantStore"/>).
/// Ids, identifiers and domains are unique (enforced by keys and a unique index as well as checked first), pages are
/// keyset pages ordered by id, and every change is published through <see cref="ITenantChangeNotifier"/> so that the
/// Core cache (<c>WithCaching()</c>) stays fresh. A singleton: it rents a short-lived context per call.
/// </summary>
/// <typeparam name="TContext">A context whose model includes the tenant store tables.</typeparam>
public sealed class EfTenantStore<TContext> : IWritableTenantStore
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly ITenantChangeNotifier? _notifier;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">Creates contexts (register one with <c>AddDbContextFactory</c> or <c>AddPooledDbContextFactory</c>).</param>
    /// <param name="notifier">Publishes changes, or <see langword="null"/>.</param>
    public EfTenantStore(IDbContextFactory<TContext> contexts, ITenantChangeNotifier? notifier = null)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
        _notifier = notifier;
    }

    /// <inheritdoc />
    public async ValueTask<TenantInfo?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!TenantId.IsValid(id))
        {
            return null;
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return ToTenant(await Tenants(db).FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async ValueTask<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var key = identifier.ToLowerInvariant();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return ToTenant(await Tenants(db).FirstOrDefaultAsync(t => t.Identifier == key, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async ValueTask<TenantInfo?> FindByDomainAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var key = domain.ToLowerInvariant();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return ToTenant(await Tenants(db).FirstOrDefaultAsync(t => t.Domains.Any(d => d.Domain == key), cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async ValueTask<TenantPage> ListAsync(TenantPageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = Tenants(db);
        if (request.ContinuationToken is { } after)
        {
#pragma warning disable CA1309, CA1310 // Translated to SQL: Id > @after (keyset paging).
            query = query.Where(t => string.Compare(t.Id, after) > 0);
#pragma warning restore CA1309, CA1310
        }

        var rows = await query.OrderBy(t => t.Id).Take(request.PageSize + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        var more = rows.Count > request.PageSize;
        var items = rows.Take(request.PageSize).Select(r => ToTenant(r)!).ToArray();
        return new TenantPage(items, more ? items[^1].Id : null);
    }

    /// <inheritdoc />
    public async ValueTask AddAsync(TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await db.Set<TenantRecord>().AnyAsync(t => t.Id == tenant.Id, cancellationToken).ConfigureAwait(false))
            {
                throw new DuplicateTenantException($"A tenant with id '{tenant.Id}' already exists.");
            }

            await EnsureUniqueAsync(db, tenant, cancellationToken).ConfigureAwait(false);
            db.Add(ToRecord(tenant));
            await SaveAsync(db, tenant, cancellationToken).ConfigureAwait(false);
        }

        _notifier?.Publish(new TenantChange(TenantChangeKind.Added, tenant.Id, null, tenant));
    }

    /// <inheritdoc />
    public async ValueTask UpdateAsync(TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        TenantInfo previous;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var record = await db.Set<TenantRecord>().Include(t => t.Domains).FirstOrDefaultAsync(t => t.Id == tenant.Id, cancellationToken).ConfigureAwait(false)
                ?? throw TenantNotFoundException.ForKey(tenant.Id);
            previous = ToTenant(record)!;
            await EnsureUniqueAsync(db, tenant, cancellationToken).ConfigureAwait(false);
            var replacement = ToRecord(tenant);
            db.Entry(record).CurrentValues.SetValues(replacement);
            db.RemoveRange(record.Domains.Where(d => !tenant.Domains.Contains(d.Domain, StringComparer.Ordinal)));
            foreach (var domain in replacement.Domains.Where(d => record.Domains.All(existing => existing.Domain != d.Domain)))
            {
                record.Domains.Add(domain);
            }

            await SaveAsync(db, tenant, cancellationToken).ConfigureAwait(false);
        }

        _notifier?.Publish(new TenantChange(TenantChangeKind.Updated, tenant.Id, previous, tenant));
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        TenantInfo? previous;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var record = await db.Set<TenantRecord>().Include(t => t.Domains).FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return false;
            }

            previous = ToTenant(record);
            db.Remove(record);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        _notifier?.Publish(new TenantChange(TenantChangeKind.Removed, id, previous, null));
        return true;
    }

    private static IQueryable<TenantRecord> Tenants(TContext db) => db.Set<TenantRecord>().AsNoTracking().Include(t => t.Domains);

    private static async Task EnsureUniqueAsync(TContext db, TenantInfo tenant, CancellationToken cancellationToken)
    {
        var identifier = tenant.Identifier.ToLowerInvariant();
        if (await db.Set<TenantRecord>().AnyAsync(t => t.Identifier == identifier && t.Id != tenant.Id, cancellationToken).ConfigureAwait(false))
        {
            throw new DuplicateTenantException($"The identifier '{tenant.Identifier}' is taken by another tenant.");
        }

        var domains = tenant.Domains.ToArray();
        if (domains.Length > 0)
        {
            var taken = await db.Set<TenantDomainRecord>().Where(d => domains.Contains(d.Domain) && d.TenantId != tenant.Id)
                .Select(d => d.Domain).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (taken is not null)
            {
                throw new DuplicateTenantException($"The domain '{taken}' is taken by another tenant.");
            }
        }
    }

    private static async Task SaveAsync(TContext db, TenantInfo tenant, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception)
        {
            // A concurrent writer took the id, identifier or a domain between the check and the insert.
            throw new DuplicateTenantException($"Tenant '{tenant.Id}' conflicts with another tenant's id, identifier or domain.", exception);
        }
    }

    private static TenantRecord ToRecord(TenantInfo tenant) => new()
    {
        Id = tenant.Id,
        Identifier = tenant.Identifier.ToLowerInvariant(),
        Name = tenant.Name,
        Status = tenant.Status,
        Plan = tenant.Plan,
        Region = tenant.Region,
        Properties = JsonSerializer.Serialize(tenant.Properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)),
        Domains = tenant.Domains.Select(d => new TenantDomainRecord { Domain = d, TenantId = tenant.Id }).ToList(),
    };

    private static TenantInfo? ToTenant(TenantRecord? record) => record is null
        ? null
        : new TenantInfo(record.Id, record.Identifier, record.Name)
        {
            Status = record.Status,
            Plan = record.Plan,
            Region = record.Region,
            Domains = record.Domains.Select(d => d.Domain).Order(StringComparer.Ordinal).ToArray(),
            Properties = JsonSerializer.Deserialize<Dictionary<string, string>>(record.Properties) ?? [],
        };
}

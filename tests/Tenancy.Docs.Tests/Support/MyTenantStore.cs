using Tenancy.Stores;

namespace Tenancy.Docs.Tests.Support;

/// <summary>The "your own store" that README snippets name (<c>WithStore&lt;MyTenantStore&gt;()</c>); one tenant, in memory.</summary>
public sealed class MyTenantStore : ITenantStore
{
    private readonly InMemoryTenantStore _tenants = new([new TenantInfo("t-acme", "acme", "Acme Ltd")]);

    /// <inheritdoc />
    public ValueTask<TenantInfo?> FindByIdAsync(string id, CancellationToken cancellationToken = default) =>
        _tenants.FindByIdAsync(id, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default) =>
        _tenants.FindByIdentifierAsync(identifier, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TenantInfo?> FindByDomainAsync(string domain, CancellationToken cancellationToken = default) =>
        _tenants.FindByDomainAsync(domain, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TenantPage> ListAsync(TenantPageRequest request, CancellationToken cancellationToken = default) =>
        _tenants.ListAsync(request, cancellationToken);
}

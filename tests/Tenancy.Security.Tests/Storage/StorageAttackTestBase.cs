using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Storage;
using Tenancy.Storage.Objects;

namespace Tenancy.Security.Tests.Storage;

/// <summary>Starts the sample's storage endpoints on one backend per derived class (nested <c>OnLocalDisk</c>/<c>OnS3</c>).</summary>
public abstract class StorageAttackTestBase : IAsyncLifetime
{
    private StorageHost? _host;

    protected abstract StorageBackend Backend { get; }

    internal StorageHost Host => _host!;

    protected ITenantObjectStore Store => Host.Services.GetRequiredService<ITenantObjectStore>();

    protected static TenantScope As(TenantInfo tenant) => AmbientCurrentTenant.Instance.Begin(tenant);

    public async Task InitializeAsync() => _host = await StorageHost.StartAsync(Backend);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    protected async Task<HttpStatusCode> PutAsync(string escapedKey, TenantInfo tenant, string body, string? contentType = "text/plain")
    {
        using var response = await Host.SendAsync(HttpMethod.Put, "/files/" + escapedKey, tenant, body, contentType);
        return response.StatusCode;
    }

    protected async Task<(HttpStatusCode Status, string Body, string ContentType)> GetAsync(string escapedKey, TenantInfo tenant)
    {
        using var response = await Host.SendAsync(HttpMethod.Get, "/files/" + escapedKey, tenant);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Header("Content-Type"));
    }
}

using Microsoft.Extensions.Caching.Distributed;

namespace Tenancy.ScaleOut.Tests.Infrastructure;

/// <summary>A real distributed cache whose reads take longer (a slow network), which widens any read-then-write race to be sure to hit it.</summary>
internal sealed class SlowReadCache(IDistributedCache inner, TimeSpan delay) : IDistributedCache
{
    public byte[]? Get(string key) => inner.Get(key);

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        await Task.Delay(delay, token);
        return await inner.GetAsync(key, token);
    }

    public void Refresh(string key) => inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

    public void Remove(string key) => inner.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => inner.Set(key, value, options);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => inner.SetAsync(key, value, options, token);
}

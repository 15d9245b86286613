using System.Collections.Concurrent;
using Tenancy.Sso;

namespace Tenancy.AspNetCore.Sso;

/// <summary>Pending sign-ins in process memory (single instance or sticky sessions); expired entries are swept on write.</summary>
internal sealed class InMemoryTenantSignInStateStore(TimeProvider time) : ITenantSignInStateStore
{
    private const int MaxPending = 100_000;
    private readonly ConcurrentDictionary<string, TenantSignInState> _pending = new(StringComparer.Ordinal);

    public Task SaveAsync(string state, TenantSignInState value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        ArgumentNullException.ThrowIfNull(value);
        if (_pending.Count >= MaxPending / 2)
        {
            var now = time.GetUtcNow();
            foreach (var (key, entry) in _pending)
            {
                if (entry.ExpiresAt <= now)
                {
                    _pending.TryRemove(key, out _);
                }
            }

            if (_pending.Count >= MaxPending)
            {
                throw new InvalidOperationException("Too many pending sign-ins.");
            }
        }

        _pending[state] = value;
        return Task.CompletedTask;
    }

    public Task<TenantSignInState?> TakeAsync(string state, CancellationToken cancellationToken = default) =>
        Task.FromResult(_pending.TryRemove(state, out var value) ? value : null);
}

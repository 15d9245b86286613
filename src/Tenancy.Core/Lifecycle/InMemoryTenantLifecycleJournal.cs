using System.Collections.Concurrent;

namespace Tenancy.Lifecycle;

/// <summary>A journal in memory: resumes within one process only. Use the EF journal (Tenancy.EntityFramework) to survive crashes.</summary>
public sealed class InMemoryTenantLifecycleJournal : ITenantLifecycleJournal
{
    private readonly ConcurrentDictionary<(string, string), ConcurrentDictionary<string, DateTimeOffset>> _runs = new();

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetCompletedAsync(string tenantId, string operation, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(
            _runs.TryGetValue((tenantId, operation), out var steps) ? new Dictionary<string, DateTimeOffset>(steps, StringComparer.Ordinal) : new Dictionary<string, DateTimeOffset>());

    /// <inheritdoc />
    public Task MarkCompletedAsync(string tenantId, string operation, string step, DateTimeOffset completedAt, CancellationToken cancellationToken = default)
    {
        _runs.GetOrAdd((tenantId, operation), _ => new(StringComparer.Ordinal)).TryAdd(step, completedAt);
        return Task.CompletedTask;
    }
}

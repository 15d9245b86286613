using System.Security.Claims;
using Microsoft.Extensions.Primitives;

namespace Tenancy.Resolution;

/// <summary>
/// A request described by plain values, for resolving tenants outside HTTP (message handlers, jobs, tests).
/// </summary>
public sealed class TenantRequest
{
    /// <summary>The host, possibly with a port.</summary>
    public string Host { get; init; } = string.Empty;

    /// <summary>The path, starting with <c>/</c>.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>Headers (case-insensitive names).</summary>
    public IReadOnlyDictionary<string, StringValues> Headers { get; init; } = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Query-string parameters.</summary>
    public IReadOnlyDictionary<string, StringValues> Query { get; init; } = new Dictionary<string, StringValues>(StringComparer.Ordinal);

    /// <summary>The principal, if any.</summary>
    public ClaimsPrincipal? User { get; init; }

    /// <summary>Creates the allocation-free view that strategies read.</summary>
    /// <returns>The view.</returns>
    public TenantRequestView ToView() => new(Reader.Instance, this);

    private sealed class Reader : ITenantRequestReader
    {
        public static readonly Reader Instance = new();

        public ReadOnlySpan<char> GetHost(object state) => ((TenantRequest)state).Host;

        public ReadOnlySpan<char> GetPath(object state) => ((TenantRequest)state).Path;

        public StringValues GetHeader(object state, string name) =>
            ((TenantRequest)state).Headers.TryGetValue(name, out var v) ? v : StringValues.Empty;

        public StringValues GetQuery(object state, string name) =>
            ((TenantRequest)state).Query.TryGetValue(name, out var v) ? v : StringValues.Empty;

        public ClaimsPrincipal? GetUser(object state) => ((TenantRequest)state).User;
    }
}

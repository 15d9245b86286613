using System.Security.Claims;
using Microsoft.Extensions.Primitives;

namespace Tenancy.Resolution;

/// <summary>
/// A transport-neutral, allocation-free view of a request for resolution strategies: a reader plus the
/// transport's own request object. ASP.NET Core builds one over <c>HttpContext</c>; background work and
/// message handlers build one over a <see cref="TenantRequest"/>.
/// </summary>
public readonly struct TenantRequestView : IEquatable<TenantRequestView>
{
    private readonly ITenantRequestReader _reader;

    /// <summary>Creates a view.</summary>
    /// <param name="reader">Reads the request.</param>
    /// <param name="state">The transport's request object, passed back to <paramref name="reader"/>.</param>
    public TenantRequestView(ITenantRequestReader reader, object state)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(state);
        _reader = reader;
        State = state;
    }

    /// <summary>The transport's request object (for delegate strategies that need more than the view offers).</summary>
    public object State { get; }

    /// <summary>The host, possibly with a port.</summary>
    public ReadOnlySpan<char> Host => _reader.GetHost(State);

    /// <summary>The path, starting with <c>/</c>.</summary>
    public ReadOnlySpan<char> Path => _reader.GetPath(State);

    /// <summary>The principal, when authenticated by the transport.</summary>
    public ClaimsPrincipal? User => _reader.GetUser(State);

    /// <summary>The values of a header.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The values (empty when absent).</returns>
    public StringValues GetHeader(string name) => _reader.GetHeader(State, name);

    /// <summary>The values of a query-string parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The values (empty when absent).</returns>
    public StringValues GetQuery(string name) => _reader.GetQuery(State, name);

    /// <inheritdoc />
    public bool Equals(TenantRequestView other) => ReferenceEquals(_reader, other._reader) && ReferenceEquals(State, other.State);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TenantRequestView other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_reader, State);

    /// <summary>Compares two views.</summary>
    /// <param name="left">One view.</param>
    /// <param name="right">The other view.</param>
    /// <returns>Whether both read the same request.</returns>
    public static bool operator ==(TenantRequestView left, TenantRequestView right) => left.Equals(right);

    /// <summary>Compares two views.</summary>
    /// <param name="left">One view.</param>
    /// <param name="right">The other view.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(TenantRequestView left, TenantRequestView right) => !left.Equals(right);
}

using System.Collections;
using System.Runtime.CompilerServices;
using Tenancy.Diagnostics;

namespace Tenancy.AspNetCore.Http;

/// <summary>
/// Per-tenant state of the middleware: the logging scope state that carries the tenant id (<see cref="TenancyTelemetry.TenantIdTag"/>). One per tenant,
/// kept for as long as the <see cref="TenantInfo"/> lives, so that opening the scope allocates no state.
/// </summary>
internal sealed class TenantHttpState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private static readonly ConditionalWeakTable<TenantInfo, TenantHttpState> Scopes = new();
    private readonly KeyValuePair<string, object?> _item;
    private readonly string _text;

    private TenantHttpState(TenantInfo tenant)
    {
        _item = new KeyValuePair<string, object?>(TenancyTelemetry.TenantIdTag, tenant.Id);
        _text = $"{TenancyTelemetry.TenantIdTag}:{tenant.Id}";
        PathBase = "/" + tenant.Identifier;
    }

    /// <summary>The tenant's path base (<c>/identifier</c>), reused when the path strategy rebases.</summary>
    public string PathBase { get; }

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] => index == 0 ? _item : throw new ArgumentOutOfRangeException(nameof(index));

    public static TenantHttpState For(TenantInfo tenant) =>
        Scopes.TryGetValue(tenant, out var scope) ? scope : Scopes.GetValue(tenant, static t => new TenantHttpState(t));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return _item;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => _text;
}

using System.Collections.Concurrent;

namespace Tenancy.AspNetCore.Http;

/// <summary>
/// A bounded pool of the path remainders that rebasing produces (<c>/acme/orders</c> → <c>/orders</c>), so that the
/// common routes of an application are rebased without allocating a string per request. Once it holds
/// <see cref="Capacity"/> strings it stops adding: paths with ids in them (<c>/orders/42</c>) then allocate as before,
/// and hostile paths cannot grow it.
/// </summary>
internal sealed class PathStringPool
{
    public const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public PathStringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _strings.Count;

    public string Get(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        var text = value.ToString();
        if (_strings.Count < Capacity)
        {
            _strings.TryAdd(text, text);
        }

        return text;
    }
}

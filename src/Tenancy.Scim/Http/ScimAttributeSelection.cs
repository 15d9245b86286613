using System.Text.Json.Nodes;
using Tenancy.Scim.Errors;
using Tenancy.Scim.Filters;
using Tenancy.Scim.Schema;

namespace Tenancy.Scim.Http;

/// <summary>
/// The <c>attributes</c> / <c>excludedAttributes</c> of a request (RFC 7644 §3.9), applied with each attribute's
/// <c>returned</c> characteristic: <c>always</c> attributes (id) are always returned, <c>never</c> ones (password)
/// never, <c>request</c> ones only when named. Unknown names are ignored.
/// </summary>
internal sealed class ScimAttributeSelection
{
    private readonly List<(ScimAttribute Attribute, ScimAttribute? Sub)> _included = [];
    private readonly List<(ScimAttribute Attribute, ScimAttribute? Sub)> _excluded = [];

    public static ScimAttributeSelection Parse(ScimResourceType type, string? attributes, string? excludedAttributes)
    {
        var selection = new ScimAttributeSelection();
        Add(type, attributes, selection._included);
        if (selection._included.Count == 0)
        {
            Add(type, excludedAttributes, selection._excluded);
        }

        return selection;
    }

    public bool IsDefault => _included.Count == 0 && _excluded.Count == 0;

    public bool Wants(ScimAttribute attribute) => Decide(attribute, out _) != Decision.None;

    public JsonObject Apply(JsonObject full, ScimResourceType type)
    {
        foreach (var (key, value) in full.ToList())
        {
            if (key == "schemas")
            {
                continue;
            }

            if (type.FindSchema(key) is { } extension && extension != type.Schema)
            {
                if (value is JsonObject inner)
                {
                    ApplyTo(inner, extension);
                    if (inner.Count == 0)
                    {
                        full.Remove(key);
                    }
                }

                continue;
            }

            var attribute = ScimSchemas.FindCommonAttribute(key) ?? type.Schema.FindAttribute(key);
            if (attribute is not null)
            {
                Filter(full, key, attribute);
            }
        }

        return full;
    }

    private void ApplyTo(JsonObject container, ScimSchema schema)
    {
        foreach (var (key, _) in container.ToList())
        {
            if (schema.FindAttribute(key) is { } attribute)
            {
                Filter(container, key, attribute);
            }
        }
    }

    private void Filter(JsonObject container, string key, ScimAttribute attribute)
    {
        var decision = Decide(attribute, out var subs);
        if (decision == Decision.None)
        {
            container.Remove(key);
            return;
        }

        if (decision == Decision.All || subs is null)
        {
            return;
        }

        IEnumerable<JsonObject> targets = container[key] switch
        {
            JsonObject o => [o],
            JsonArray a => a.OfType<JsonObject>(),
            _ => [],
        };
        foreach (var target in targets)
        {
            foreach (var (subKey, _) in target.ToList())
            {
                var sub = attribute.FindSubAttribute(subKey);
                var keep = decision == Decision.Only ? sub is not null && (subs.Contains(sub) || sub.Returned == ScimReturned.Always) : sub is null || !subs.Contains(sub);
                if (!keep)
                {
                    target.Remove(subKey);
                }
            }
        }
    }

    private Decision Decide(ScimAttribute attribute, out HashSet<ScimAttribute>? subs)
    {
        subs = null;
        if (attribute.Returned == ScimReturned.Never)
        {
            return Decision.None;
        }

        if (attribute.Returned == ScimReturned.Always)
        {
            return Decision.All;
        }

        if (_included.Count > 0)
        {
            var mine = _included.Where(i => i.Attribute == attribute).ToList();
            if (mine.Count == 0)
            {
                return Decision.None;
            }

            if (mine.Any(i => i.Sub is null))
            {
                return Decision.All;
            }

            subs = mine.Select(i => i.Sub!).ToHashSet();
            return Decision.Only;
        }

        if (attribute.Returned == ScimReturned.Request)
        {
            return Decision.None;
        }

        var excluded = _excluded.Where(i => i.Attribute == attribute).ToList();
        if (excluded.Count == 0)
        {
            return Decision.All;
        }

        if (excluded.Any(i => i.Sub is null))
        {
            return Decision.None;
        }

        subs = excluded.Select(i => i.Sub!).ToHashSet();
        return Decision.Except;
    }

    private static void Add(ScimResourceType type, string? list, List<(ScimAttribute, ScimAttribute?)> target)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return;
        }

        foreach (var item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                var path = ScimFilterParser.ParseAttributePath(item);
                var (_, attribute) = ScimDocument.Resolve(type, path, ScimErrorType.InvalidPath);
                var sub = path.SubAttribute is null ? null : attribute.FindSubAttribute(path.SubAttribute);
                if (path.SubAttribute is not null && sub is null)
                {
                    continue;
                }

                target.Add((attribute, sub));
            }
            catch (ScimException)
            {
                // Unknown or malformed names select nothing.
            }
        }
    }

    private enum Decision
    {
        None,
        All,
        Only,
        Except,
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tenancy.Scim.Errors;
using Tenancy.Scim.Filters;

namespace Tenancy.Scim.Schema;

/// <summary>
/// Validates request bodies against the schema definitions and turns them into the canonical document: attribute
/// names in their canonical case, core attributes at the top, each extension under its URN, values of the declared
/// type (the strings "True"/"False" become booleans, a bare string becomes <c>{"value": …}</c> of a complex attribute
/// with a <c>value</c> sub-attribute), read-only attributes dropped, unknown attributes ignored, <c>password</c> removed.
/// </summary>
internal static class ScimDocument
{
    public const string MembersAttribute = "members";

    /// <summary>Normalises a POST/PUT body.</summary>
    public static JsonObject Normalize(JsonObject input, ScimResourceType type, out bool hadPassword, out List<string>? members)
    {
        hadPassword = false;
        members = null;
        var document = new JsonObject();
        foreach (var (key, value) in input)
        {
            if (key.Equals("schemas", StringComparison.OrdinalIgnoreCase))
            {
                if (value is not null && (value is not JsonArray array || array.Any(s => s is not JsonValue v || v.GetValueKind() != JsonValueKind.String)))
                {
                    throw ScimException.BadRequest(ScimErrorType.InvalidSyntax, "'schemas' must be an array of schema URNs.");
                }

                continue;
            }

            if (key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) && type.FindSchema(key) is { } schema)
            {
                if (value is null)
                {
                    continue;
                }

                if (value is not JsonObject extension)
                {
                    throw ScimException.BadRequest(ScimErrorType.InvalidValue, $"'{schema.Id}' must be an object of that schema's attributes.");
                }

                foreach (var (name, inner) in extension)
                {
                    SetTop(document, type, schema, name, inner, ref hadPassword, ref members);
                }

                continue;
            }

            ScimAttributePath path;
            try
            {
                path = ScimFilterParser.ParseAttributePath(key);
            }
            catch (ScimException)
            {
                continue; // Not an attribute name at all: ignored like any unknown attribute.
            }

            var target = path.SchemaUrn is null ? type.Schema : type.FindSchema(path.SchemaUrn);
            if (target is null)
            {
                continue;
            }

            if (path.SubAttribute is null)
            {
                SetTop(document, type, target, path.Name, value, ref hadPassword, ref members);
            }
            else if (value is not null)
            {
                SetTop(document, type, target, path.Name, new JsonObject { [path.SubAttribute] = value.DeepClone() }, ref hadPassword, ref members);
            }
        }

        RequireValues(document, type);
        return document;
    }

    /// <summary>Checks the attributes that are required (userName of a user, displayName of a group).</summary>
    public static void RequireValues(JsonObject document, ScimResourceType type)
    {
        foreach (var attribute in type.Schema.Attributes)
        {
            if (attribute.Required && !HasValue(document[attribute.Name]))
            {
                throw ScimException.BadRequest(ScimErrorType.InvalidValue, $"'{attribute.Name}' is required and must not be empty.");
            }
        }
    }

    /// <summary>Finds the definition an attribute path names: (schema, attribute, sub-attribute).</summary>
    public static (ScimSchema? Schema, ScimAttribute Attribute) Resolve(ScimResourceType type, ScimAttributePath path, string errorType)
    {
        if (path.SchemaUrn is not null)
        {
            var schema = type.FindSchema(path.SchemaUrn)
                ?? throw ScimException.BadRequest(errorType, $"'{path.SchemaUrn}' is not a schema of the {type.Name} resource.");
            var attribute = schema.FindAttribute(path.Name)
                ?? (schema == type.Schema ? ScimSchemas.FindCommonAttribute(path.Name) : null)
                ?? throw ScimException.BadRequest(errorType, $"'{path.Name}' is not an attribute of '{schema.Id}'.");
            return (schema, attribute);
        }

        if (ScimSchemas.FindCommonAttribute(path.Name) is { } common)
        {
            return (null, common);
        }

        if (type.Schema.FindAttribute(path.Name) is { } core)
        {
            return (type.Schema, core);
        }

        foreach (var extension in type.Extensions)
        {
            if (extension.FindAttribute(path.Name) is { } found)
            {
                return (extension, found);
            }
        }

        throw ScimException.BadRequest(errorType, $"'{path.Name}' is not an attribute of the {type.Name} resource.");
    }

    /// <summary>The object that holds an attribute of a schema: the document, or its extension object.</summary>
    public static JsonObject Container(JsonObject document, ScimResourceType type, ScimSchema? schema, bool create)
    {
        if (schema is null || schema == type.Schema)
        {
            return document;
        }

        if (document[schema.Id] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        if (create)
        {
            document[schema.Id] = created;
        }

        return created;
    }

    /// <summary>Validates and converts a value for an attribute; <see langword="null"/> means unassigned.</summary>
    public static JsonNode? NormalizeValue(ScimAttribute attribute, JsonNode? value, bool asSingle = false)
    {
        if (value is null)
        {
            return null;
        }

        if (attribute.MultiValued && !asSingle)
        {
            var result = new JsonArray();
            IEnumerable<JsonNode?> items = value is JsonArray array ? array : new[] { value };
            foreach (var item in items)
            {
                if (NormalizeSingle(attribute, item) is { } normalized)
                {
                    result.Add(normalized);
                }
            }

            return result.Count == 0 ? null : result;
        }

        if (value is JsonArray && attribute.MultiValued is false)
        {
            throw ScimException.BadRequest(ScimErrorType.InvalidValue, $"'{attribute.Name}' takes a single value, not a list.");
        }

        return NormalizeSingle(attribute, value);
    }

    public static bool HasValue(JsonNode? node) => node switch
    {
        null => false,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => !string.IsNullOrWhiteSpace(v.GetValue<string>()),
        JsonArray a => a.Count > 0,
        JsonObject o => o.Count > 0,
        _ => true,
    };

    /// <summary>Whether two values are the same (for de-duplicating multi-valued attributes).</summary>
    public static bool SameValue(JsonNode? a, JsonNode? b)
    {
        if (a is JsonObject x && b is JsonObject y && x["value"] is JsonNode xv && y["value"] is JsonNode yv)
        {
            return JsonNode.DeepEquals(xv, yv) && JsonNode.DeepEquals(x["type"], y["type"]);
        }

        return JsonNode.DeepEquals(a, b);
    }

    private static void SetTop(JsonObject document, ScimResourceType type, ScimSchema schema, string name, JsonNode? value, ref bool hadPassword, ref List<string>? members)
    {
        var attribute = schema.FindAttribute(name) ?? (schema == type.Schema ? ScimSchemas.FindCommonAttribute(name) : null);
        if (attribute is null || attribute.Mutability == ScimMutability.ReadOnly)
        {
            return; // Unknown attributes are ignored; read-only ones (id, meta, groups) are set by the server.
        }

        if (attribute.Mutability == ScimMutability.WriteOnly)
        {
            hadPassword |= value is not null;
            _ = NormalizeValue(attribute, value); // Validated, never kept.
            return;
        }

        if (type.Kind == ScimResourceKind.Group && attribute.Name == MembersAttribute)
        {
            members = MemberIds(value);
            return;
        }

        var container = Container(document, type, schema == type.Schema || ScimSchemas.FindCommonAttribute(name) is not null ? null : schema, create: true);
        var normalized = NormalizeValue(attribute, value);
        if (normalized is null)
        {
            container.Remove(attribute.Name);
        }
        else
        {
            container[attribute.Name] = normalized;
        }
    }

    /// <summary>The member ids of a <c>members</c> value: <c>[{"value": id, "$ref": null}]</c>, a single object or bare ids.</summary>
    public static List<string> MemberIds(JsonNode? value)
    {
        var ids = new List<string>();
        if (value is null)
        {
            return ids;
        }

        IEnumerable<JsonNode?> items = value is JsonArray array ? array : new[] { value };
        foreach (var item in items)
        {
            var id = item switch
            {
                JsonObject o => FindCaseInsensitive(o, "value") is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null,
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(id))
            {
                throw ScimException.BadRequest(ScimErrorType.InvalidValue, "Each member needs a 'value' with the member's id.");
            }

            if (!ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    public static JsonNode? FindCaseInsensitive(JsonObject o, string name)
    {
        foreach (var (key, value) in o)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static JsonNode? NormalizeSingle(ScimAttribute attribute, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        if (attribute.Type != ScimAttributeType.Complex)
        {
            return NormalizePrimitive(attribute, value);
        }

        if (value is JsonValue bare && !attribute.MultiValued && attribute.FindSubAttribute("value") is { } valueAttribute)
        {
            // A bare value for a complex attribute: Entra ID sends the manager as an id string.
            var converted = NormalizePrimitive(valueAttribute, bare);
            return converted is null ? null : new JsonObject { [valueAttribute.Name] = converted };
        }

        if (value is not JsonObject input)
        {
            throw ScimException.BadRequest(ScimErrorType.InvalidValue, $"'{attribute.Name}' must be an object.");
        }

        var output = new JsonObject();
        foreach (var (key, inner) in input)
        {
            var sub = attribute.FindSubAttribute(key);
            if (sub is null || sub.Mutability == ScimMutability.ReadOnly)
            {
                continue;
            }

            if (NormalizePrimitive(sub, inner) is { } converted)
            {
                output[sub.Name] = converted;
            }
        }

        return output.Count == 0 ? null : output;
    }

    private static JsonNode? NormalizePrimitive(ScimAttribute attribute, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value is not JsonValue v)
        {
            throw ScimException.BadRequest(ScimErrorType.InvalidValue, $"'{attribute.Name}' must be a {TypeName(attribute.Type)}, not a {(value is JsonArray ? "list" : "object")}.");
        }

        var kind = v.GetValueKind();
        switch (attribute.Type)
        {
            case ScimAttributeType.Boolean:
                if (kind is JsonValueKind.True or JsonValueKind.False)
                {
                    return JsonValue.Create(kind == JsonValueKind.True);
                }

                if (kind == JsonValueKind.String && bool.TryParse(v.GetValue<string>().Trim(), out var flag))
                {
                    return JsonValue.Create(flag); // Entra ID sends "True"/"False".
                }

                break;
            case ScimAttributeType.Integer:
                if (kind == JsonValueKind.Number && v.TryGetValue<long>(out var integer))
                {
                    return JsonValue.Create(integer);
                }

                if (kind == JsonValueKind.String && long.TryParse(v.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out integer))
                {
                    return JsonValue.Create(integer);
                }

                break;
            case ScimAttributeType.Decimal:
                if (kind == JsonValueKind.Number && v.TryGetValue<decimal>(out var number))
                {
                    return JsonValue.Create(number);
                }

                break;
            case ScimAttributeType.DateTime:
                if (kind == JsonValueKind.String
                    && DateTimeOffset.TryParse(v.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
                {
                    return JsonValue.Create(when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                }

                break;
            default:
                if (kind == JsonValueKind.String)
                {
                    return JsonValue.Create(v.GetValue<string>());
                }

                break;
        }

        throw ScimException.BadRequest(ScimErrorType.InvalidValue, $"'{attribute.Name}' must be a {TypeName(attribute.Type)}.");
    }

    private static string TypeName(ScimAttributeType type) => type switch
    {
        ScimAttributeType.Boolean => "boolean",
        ScimAttributeType.Integer => "integer",
        ScimAttributeType.Decimal => "number",
        ScimAttributeType.DateTime => "date-time string",
        ScimAttributeType.Complex => "complex value",
        _ => "string",
    };
}

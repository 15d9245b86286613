using System.Text.Json;
using System.Text.Json.Nodes;
using Tenancy.Scim.Errors;
using Tenancy.Scim.Filters;
using Tenancy.Scim.Resources;
using Tenancy.Scim.Schema;

namespace Tenancy.Scim.Patch;

/// <summary>
/// Applies a PatchOp (RFC 7644 §3.5.2) to a copy of a resource's canonical document. Nothing is stored here: the caller
/// saves the result in one step, so a PATCH applies entirely or not at all. Accepts what Entra ID and Okta send:
/// capitalised operation names, path-less add/replace whose keys are paths (<c>name.givenName</c>,
/// <c>emails[type eq "work"].value</c>, URN-qualified names), add/replace on a value path that matches nothing creates
/// the value, <c>remove</c> of <c>members</c> with a value list, <c>members[value eq "…"]</c>.
/// </summary>
internal static class ScimPatchEngine
{
    public const int MaxOperations = 1000;

    public static ScimPatchResult Apply(ScimResourceType type, JsonObject current, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(body);

        if (ScimDocument.FindCaseInsensitive(body, "schemas") is { } schemas
            && (schemas is not JsonArray list || !list.Any(s => s is JsonValue v && v.GetValueKind() == JsonValueKind.String
                && string.Equals(v.GetValue<string>(), ScimSchemas.PatchOpId, StringComparison.OrdinalIgnoreCase))))
        {
            throw ScimException.BadRequest(ScimErrorType.InvalidSyntax, $"A PATCH body's 'schemas' must contain '{ScimSchemas.PatchOpId}'.");
        }

        if (ScimDocument.FindCaseInsensitive(body, "Operations") is not JsonArray operations || operations.Count == 0)
        {
            throw ScimException.BadRequest(ScimErrorType.InvalidSyntax, "A PATCH body needs a non-empty 'Operations' array.");
        }

        if (operations.Count > MaxOperations)
        {
            throw ScimException.BadRequest(ScimErrorType.InvalidSyntax, $"A PATCH body may carry at most {MaxOperations} operations.");
        }

        var state = new State(type, (JsonObject)current.DeepClone());
        foreach (var node in operations)
        {
            if (node is not JsonObject operation)
            {
                throw ScimException.BadRequest(ScimErrorType.InvalidSyntax, "Each operation must be an object with 'op', 'path' and 'value'.");
            }

            state.Apply(operation);
        }

        ScimDocument.RequireValues(state.Document, type);
        return new ScimPatchResult(state.Document, state.MemberChanges, state.PasswordChanged, string.Join("; ", state.Summary));
    }

    private sealed class State(ScimResourceType type, JsonObject document)
    {
        public JsonObject Document { get; } = document;

        public List<ScimMemberChange> MemberChanges { get; } = [];

        public List<string> Summary { get; } = [];

        public bool PasswordChanged { get; private set; }

        public void Apply(JsonObject operation)
        {
            var opText = ScimDocument.FindCaseInsensitive(operation, "op") is JsonValue o && o.GetValueKind() == JsonValueKind.String ? o.GetValue<string>() : null;
            var op = opText?.Trim().ToLowerInvariant() switch
            {
                "add" => Op.Add,
                "replace" => Op.Replace,
                "remove" => Op.Remove,
                _ => throw ScimException.BadRequest(ScimErrorType.InvalidSyntax, "Each operation's 'op' must be 'add', 'replace' or 'remove'."),
            };
            var pathNode = ScimDocument.FindCaseInsensitive(operation, "path");
            if (pathNode is not null && (pathNode is not JsonValue pv || pv.GetValueKind() != JsonValueKind.String))
            {
                throw ScimException.BadRequest(ScimErrorType.InvalidPath, "'path' must be a string.");
            }

            var pathText = pathNode?.GetValue<string>();
            var value = ScimDocument.FindCaseInsensitive(operation, "value");
            if (string.IsNullOrWhiteSpace(pathText))
            {
                ApplyWithoutPath(op, value);
                return;
            }

            var path = ScimFilterParser.ParsePatchPath(pathText);
            Summary.Add($"{Name(op)} {Describe(path)}");
            ApplyPath(op, path, value, fromPathlessKey: false);
        }

        private void ApplyWithoutPath(Op op, JsonNode? value)
        {
            if (op == Op.Remove)
            {
                throw ScimException.BadRequest(ScimErrorType.NoTarget, "A 'remove' operation needs a 'path'.");
            }

            if (value is not JsonObject values)
            {
                throw ScimException.BadRequest(ScimErrorType.InvalidValue, $"An '{Name(op)}' without 'path' needs an object 'value'.");
            }

            foreach (var (key, inner) in values)
            {
                if (key.Equals("schemas", StringComparison.OrdinalIgnoreCase) || key.Equals("id", StringComparison.OrdinalIgnoreCase)
                    || key.Equals("meta", StringComparison.OrdinalIgnoreCase))
                {
                    continue; // Sent back as read; ignored like in PUT.
                }

                if (key.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) && type.FindSchema(key) is { } schema)
                {
                    if (inner is not JsonObject extension)
                    {
                        throw ScimException.BadRequest(ScimErrorType.InvalidValue, $"'{schema.Id}' must be an object of that schema's attributes.");
                    }

                    foreach (var (name, extensionValue) in extension)
                    {
                        var qualified = ScimFilterParser.ParsePatchPath(schema.Id + ":" + name);
                        Summary.Add($"{Name(op)} {Describe(qualified)}");
                        ApplyPath(op, qualified, extensionValue, fromPathlessKey: true);
                    }

                    continue;
                }

                var path = ScimFilterParser.ParsePatchPath(key);
                Summary.Add($"{Name(op)} {Describe(path)}");
                ApplyPath(op, path, inner, fromPathlessKey: true);
            }
        }

        private void ApplyPath(Op op, ScimPatchPath path, JsonNode? value, bool fromPathlessKey)
        {
            var (schema, attribute) = ScimDocument.Resolve(type, path.Attribute, ScimErrorType.InvalidPath);
            if (attribute.Mutability == ScimMutability.ReadOnly)
            {
                if (fromPathlessKey && op != Op.Remove)
                {
                    return; // A read-only attribute echoed in a path-less value is ignored, as in PUT.
                }

                throw ScimException.BadRequest(ScimErrorType.Mutability, $"'{attribute.Name}' is read-only.");
            }

            if (attribute.Mutability == ScimMutability.WriteOnly)
            {
                if (op != Op.Remove)
                {
                    _ = ScimDocument.NormalizeValue(attribute, value);
                }

                PasswordChanged = true; // Accepted, never stored.
                return;
            }

            if (type.Kind == ScimResourceKind.Group && attribute.Name == ScimDocument.MembersAttribute)
            {
                ApplyMembers(op, path, value);
                return;
            }

            if (op != Op.Remove && value is null && !fromPathlessKey)
            {
                throw ScimException.BadRequest(ScimErrorType.InvalidValue, $"'{Name(op)}' of '{attribute.Name}' needs a 'value'.");
            }

            var container = ScimDocument.Container(Document, type, ScimSchemas.FindCommonAttribute(attribute.Name) is null ? schema : null, create: op != Op.Remove);
            ScimAttribute? sub = null;
            if (path.SubAttribute is not null)
            {
                sub = attribute.FindSubAttribute(path.SubAttribute)
                    ?? throw ScimException.BadRequest(ScimErrorType.InvalidPath, $"'{path.SubAttribute}' is not a sub-attribute of '{attribute.Name}'.");
                if (sub.Mutability == ScimMutability.ReadOnly)
                {
                    throw ScimException.BadRequest(ScimErrorType.Mutability, $"'{attribute.Name}.{sub.Name}' is read-only.");
                }
            }

            if (path.ValueFilter is not null)
            {
                if (!attribute.MultiValued || attribute.Type != ScimAttributeType.Complex)
                {
                    throw ScimException.BadRequest(ScimErrorType.InvalidPath, $"'{attribute.Name}' is not a multi-valued complex attribute: a value filter does not apply.");
                }

                ApplyFiltered(op, container, attribute, path.ValueFilter, sub, value);
            }
            else if (sub is not null)
            {
                ApplySub(op, container, attribute, sub, value);
            }
            else
            {
                ApplyWhole(op, container, attribute, value);
            }

            CleanUp(container, attribute);
        }

        private void ApplyWhole(Op op, JsonObject container, ScimAttribute attribute, JsonNode? value)
        {
            if (op == Op.Remove)
            {
                if (attribute.Required)
                {
                    throw ScimException.BadRequest(ScimErrorType.Mutability, $"'{attribute.Name}' is required and cannot be removed.");
                }

                if (attribute.MultiValued && value is not null && container[attribute.Name] is JsonArray existingValues)
                {
                    // Remove the listed values only (as Entra ID does for members).
                    var toRemove = ScimDocument.NormalizeValue(attribute, value) as JsonArray ?? [];
                    foreach (var item in existingValues.Where(e => toRemove.Any(r => ScimDocument.SameValue(e, r))).ToList())
                    {
                        existingValues.Remove(item);
                    }

                    return;
                }

                container.Remove(attribute.Name);
                return;
            }

            var normalized = ScimDocument.NormalizeValue(attribute, value);
            if (normalized is null)
            {
                if (op == Op.Replace)
                {
                    if (attribute.Required)
                    {
                        throw ScimException.BadRequest(ScimErrorType.InvalidValue, $"'{attribute.Name}' is required and must not be empty.");
                    }

                    container.Remove(attribute.Name);
                }

                return;
            }

            if (attribute.MultiValued)
            {
                if (op == Op.Add && container[attribute.Name] is JsonArray existing)
                {
                    foreach (var item in ((JsonArray)normalized).ToList())
                    {
                        var clone = item!.DeepClone();
                        if (!existing.Any(e => ScimDocument.SameValue(e, clone)))
                        {
                            existing.Add(clone);
                        }
                    }

                    KeepOnePrimary(existing, null);
                }
                else
                {
                    container[attribute.Name] = normalized;
                    KeepOnePrimary((JsonArray)normalized, null);
                }

                return;
            }

            if (attribute.Type == ScimAttributeType.Complex && container[attribute.Name] is JsonObject target)
            {
                foreach (var (key, inner) in ((JsonObject)normalized).ToList())
                {
                    target[key] = inner!.DeepClone();
                }

                return;
            }

            container[attribute.Name] = normalized;
        }

        private static void ApplySub(Op op, JsonObject container, ScimAttribute attribute, ScimAttribute sub, JsonNode? value)
        {
            var normalized = op == Op.Remove ? null : ScimDocument.NormalizeValue(sub, value);
            if (attribute.MultiValued)
            {
                if (container[attribute.Name] is not JsonArray values || values.Count == 0)
                {
                    if (normalized is not null)
                    {
                        container[attribute.Name] = new JsonArray(new JsonObject { [sub.Name] = normalized });
                    }

                    return;
                }

                foreach (var element in values.OfType<JsonObject>())
                {
                    SetOrRemove(element, sub.Name, normalized?.DeepClone());
                }

                return;
            }

            if (container[attribute.Name] is not JsonObject parent)
            {
                if (normalized is null)
                {
                    return;
                }

                parent = new JsonObject();
                container[attribute.Name] = parent;
            }

            SetOrRemove(parent, sub.Name, normalized);
        }

        private static void ApplyFiltered(Op op, JsonObject container, ScimAttribute attribute, ScimFilter filter, ScimAttribute? sub, JsonNode? value)
        {
            var values = container[attribute.Name] as JsonArray;
            var matches = values?.OfType<JsonObject>().Where(e => ScimValueFilterEvaluator.Matches(e, filter, attribute)).ToList() ?? [];
            if (op == Op.Remove)
            {
                foreach (var match in matches)
                {
                    if (sub is null)
                    {
                        values!.Remove(match);
                    }
                    else
                    {
                        match.Remove(sub.Name);
                    }
                }

                return;
            }

            JsonNode? normalized = sub is null ? ScimDocument.NormalizeValue(attribute, value, asSingle: true) : ScimDocument.NormalizeValue(sub, value);
            if (normalized is null)
            {
                throw ScimException.BadRequest(ScimErrorType.InvalidValue, $"'{Name(op)}' of '{attribute.Name}[{filter}]' needs a value.");
            }

            if (matches.Count == 0)
            {
                // Entra ID adds emails[type eq "work"].value to users that have no work email: create the value
                // from the filter's equalities. Anything else that matches nothing is noTarget.
                var created = ScimValueFilterEvaluator.Equalities(filter, attribute)
                    ?? throw ScimException.BadRequest(ScimErrorType.NoTarget, $"No value of '{attribute.Name}' matches '{filter}'.");
                if (sub is null)
                {
                    foreach (var (key, inner) in ((JsonObject)normalized).ToList())
                    {
                        created[key] = inner!.DeepClone();
                    }
                }
                else
                {
                    created[sub.Name] = normalized;
                }

                if (values is null)
                {
                    values = [];
                    container[attribute.Name] = values;
                }

                values.Add(created);
                KeepOnePrimary(values, created);
                return;
            }

            foreach (var match in matches)
            {
                if (sub is not null)
                {
                    match[sub.Name] = normalized.DeepClone();
                }
                else
                {
                    if (op == Op.Replace)
                    {
                        foreach (var key in match.Select(p => p.Key).ToList())
                        {
                            match.Remove(key);
                        }
                    }

                    foreach (var (key, inner) in ((JsonObject)normalized).ToList())
                    {
                        match[key] = inner!.DeepClone();
                    }
                }
            }

            KeepOnePrimary(values!, matches[^1]);
        }

        private void ApplyMembers(Op op, ScimPatchPath path, JsonNode? value)
        {
            if (path.ValueFilter is not null)
            {
                if (op != Op.Remove || path.SubAttribute is not null)
                {
                    throw ScimException.BadRequest(ScimErrorType.InvalidPath, "Members are added, replaced or removed as whole values: use 'members' with a value, or remove 'members[value eq \"…\"]'.");
                }

                MemberChanges.Add(new ScimMemberChange(ScimMemberChangeKind.RemoveWhere, [], path.ValueFilter));
                return;
            }

            if (path.SubAttribute is not null)
            {
                throw ScimException.BadRequest(ScimErrorType.InvalidPath, "Members are added, replaced or removed as whole values.");
            }

            switch (op)
            {
                case Op.Add:
                    var added = ScimDocument.MemberIds(value);
                    if (added.Count == 0)
                    {
                        throw ScimException.BadRequest(ScimErrorType.InvalidValue, "'add' of 'members' needs at least one member.");
                    }

                    MemberChanges.Add(new ScimMemberChange(ScimMemberChangeKind.Add, added));
                    break;
                case Op.Replace:
                    MemberChanges.Add(new ScimMemberChange(ScimMemberChangeKind.Replace, ScimDocument.MemberIds(value)));
                    break;
                default:
                    MemberChanges.Add(value is null
                        ? new ScimMemberChange(ScimMemberChangeKind.RemoveAll, [])
                        : new ScimMemberChange(ScimMemberChangeKind.Remove, ScimDocument.MemberIds(value)));
                    break;
            }
        }

        private void CleanUp(JsonObject container, ScimAttribute attribute)
        {
            if (container[attribute.Name] is JsonArray { Count: 0 } or JsonObject { Count: 0 })
            {
                container.Remove(attribute.Name);
            }

            foreach (var extension in type.Extensions)
            {
                if (Document[extension.Id] is JsonObject { Count: 0 })
                {
                    Document.Remove(extension.Id);
                }
            }
        }

        private static void SetOrRemove(JsonObject target, string name, JsonNode? value)
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else
            {
                target[name] = value;
            }
        }

        /// <summary>RFC 7643 §2.4: "primary": true appears at most once; the value just written keeps it.</summary>
        private static void KeepOnePrimary(JsonArray values, JsonObject? keep)
        {
            var primaries = values.OfType<JsonObject>().Where(v => v["primary"] is JsonValue p && p.GetValueKind() == JsonValueKind.True).ToList();
            if (primaries.Count <= 1)
            {
                return;
            }

            var winner = keep is not null && primaries.Contains(keep) ? keep : primaries[^1];
            foreach (var other in primaries.Where(p => p != winner))
            {
                other["primary"] = false;
            }
        }

        private static string Name(Op op) => op switch
        {
            Op.Add => "add",
            Op.Replace => "replace",
            _ => "remove",
        };

        private static string Describe(ScimPatchPath path)
        {
            var text = path.ToString();
            return text.Length <= 120 ? text : text[..120] + "…";
        }
    }

    private enum Op
    {
        Add,
        Replace,
        Remove,
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Tenancy.Scim.Resources;
using Tenancy.Scim.Schema;

namespace Tenancy.Scim.Http;

/// <summary>Turns a stored resource into its SCIM representation: schemas, id, attributes, members/groups, meta.</summary>
internal static class ScimResourceRenderer
{
    public static JsonObject Render(ScimResource resource, string baseUrl, ScimAttributeSelection selection)
    {
        var type = ScimSchemas.For(resource.Kind);
        var schemas = new JsonArray(type.Schema.Id);
        var output = new JsonObject { ["schemas"] = schemas, ["id"] = resource.Id };
        foreach (var (key, value) in resource.Attributes)
        {
            if (type.FindSchema(key) is { } extension && extension != type.Schema)
            {
                schemas.Add(extension.Id);
            }

            output[key] = value?.DeepClone();
        }

        if (resource.Related is { } related)
        {
            var name = resource.Kind == ScimResourceKind.User ? "groups" : "members";
            var list = new JsonArray();
            foreach (var member in related)
            {
                var item = new JsonObject
                {
                    ["value"] = member.Value,
                    ["$ref"] = $"{baseUrl}/{(resource.Kind == ScimResourceKind.User || member.Type == "Group" ? "Groups" : "Users")}/{member.Value}",
                };
                if (member.Display is not null)
                {
                    item["display"] = member.Display;
                }

                item["type"] = member.Type;
                list.Add(item);
            }

            output[name] = list;
        }

        output["meta"] = new JsonObject
        {
            ["resourceType"] = type.Name,
            ["created"] = Time(resource.Created),
            ["lastModified"] = Time(resource.LastModified),
            ["location"] = $"{baseUrl}{type.Endpoint}/{resource.Id}",
            ["version"] = resource.ETag,
        };
        return selection.Apply(output, type);
    }

    public static string Time(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

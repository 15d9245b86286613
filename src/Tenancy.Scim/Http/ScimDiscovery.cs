using System.Text.Json.Nodes;
using Tenancy.Scim.Schema;

namespace Tenancy.Scim.Http;

/// <summary>The discovery documents (RFC 7644 §4), generated from the same definitions the server validates against.</summary>
internal static class ScimDiscovery
{
    public const string ServiceProviderConfigSchema = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public const string ResourceTypeSchema = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public const string SchemaSchema = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    public static JsonObject ServiceProviderConfig(string baseUrl, ScimOptions options) => new()
    {
        ["schemas"] = new JsonArray(ServiceProviderConfigSchema),
        ["documentationUri"] = "https://github.com/tenancy-dotnet/tenancy/tree/main/src/Tenancy.Scim",
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = options.MaxPageSize },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = true },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "OAuth Bearer Token",
            ["description"] = "A per-tenant SCIM token in the Authorization header: 'Authorization: Bearer scim_…'.",
            ["primary"] = true,
        }),
        ["meta"] = new JsonObject
        {
            ["resourceType"] = "ServiceProviderConfig",
            ["location"] = $"{baseUrl}/ServiceProviderConfig",
        },
    };

    public static JsonObject ResourceType(ScimResourceType type, string baseUrl)
    {
        var extensions = new JsonArray();
        foreach (var extension in type.Extensions)
        {
            extensions.Add(new JsonObject { ["schema"] = extension.Id, ["required"] = false });
        }

        return new JsonObject
        {
            ["schemas"] = new JsonArray(ResourceTypeSchema),
            ["id"] = type.Name,
            ["name"] = type.Name,
            ["endpoint"] = type.Endpoint,
            ["description"] = type.Description,
            ["schema"] = type.Schema.Id,
            ["schemaExtensions"] = extensions,
            ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{baseUrl}/ResourceTypes/{type.Name}" },
        };
    }

    public static JsonObject Schema(ScimSchema schema, string baseUrl)
    {
        var attributes = new JsonArray();
        foreach (var attribute in schema.Attributes)
        {
            attributes.Add(Attribute(attribute));
        }

        return new JsonObject
        {
            ["schemas"] = new JsonArray(SchemaSchema),
            ["id"] = schema.Id,
            ["name"] = schema.Name,
            ["description"] = schema.Description,
            ["attributes"] = attributes,
            ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = $"{baseUrl}/Schemas/{schema.Id}" },
        };
    }

    public static JsonObject List(IEnumerable<JsonObject> resources)
    {
        var list = new JsonArray();
        foreach (var resource in resources)
        {
            list.Add(resource);
        }

        return new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.ListResponseId),
            ["totalResults"] = list.Count,
            ["itemsPerPage"] = list.Count,
            ["startIndex"] = 1,
            ["Resources"] = list,
        };
    }

    private static JsonObject Attribute(ScimAttribute attribute)
    {
        var json = new JsonObject
        {
            ["name"] = attribute.Name,
            ["type"] = attribute.Type switch
            {
                ScimAttributeType.DateTime => "dateTime",
                var t => t.ToString().ToLowerInvariant(),
            },
            ["multiValued"] = attribute.MultiValued,
            ["description"] = attribute.Description,
            ["required"] = attribute.Required,
            ["caseExact"] = attribute.CaseExact,
            ["mutability"] = attribute.Mutability switch
            {
                ScimMutability.ReadOnly => "readOnly",
                ScimMutability.Immutable => "immutable",
                ScimMutability.WriteOnly => "writeOnly",
                _ => "readWrite",
            },
            ["returned"] = attribute.Returned.ToString().ToLowerInvariant(),
            ["uniqueness"] = attribute.Uniqueness.ToString().ToLowerInvariant(),
        };
        if (attribute.CanonicalValues.Count > 0)
        {
            json["canonicalValues"] = new JsonArray(attribute.CanonicalValues.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
        }

        if (attribute.Type == ScimAttributeType.Reference)
        {
            json["referenceTypes"] = new JsonArray(attribute.ReferenceTypes.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
        }

        if (attribute.Type == ScimAttributeType.Complex)
        {
            json["subAttributes"] = new JsonArray(attribute.SubAttributes.Select(s => (JsonNode)Attribute(s)).ToArray());
        }

        return json;
    }
}

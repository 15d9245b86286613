using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Tenancy.Scim.Tests.Infrastructure;

public sealed record ScimReply(HttpStatusCode Status, JsonNode? Body, string? ContentType, HttpResponseHeaders Headers, string Text)
{
    public JsonObject Json => Body as JsonObject ?? throw new InvalidOperationException($"No JSON object in the response ({(int)Status}): {Text}");

    public string Id => Json["id"]!.GetValue<string>();

    public string? ETag => Headers.ETag?.ToString();

    public string? ScimType => Json["scimType"]?.GetValue<string>();

    public int TotalResults => Json["totalResults"]!.GetValue<int>();

    public JsonArray Resources => Json["Resources"]!.AsArray();

    public override string ToString() => $"{(int)Status} {Text}";
}

using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tenancy.Scim.Errors;
using Tenancy.Scim.Schema;

namespace Tenancy.Scim.Http;

/// <summary>Writes SCIM responses: <c>application/scim+json</c> on every one, SCIM error bodies with the status as a string.</summary>
internal static class ScimResponses
{
    public const string ContentType = "application/scim+json; charset=utf-8";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    // The body is JSON served as application/scim+json, never HTML: only what JSON requires is escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, int status, JsonNode? body, string? etag = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        if (etag is not null)
        {
            response.Headers.ETag = etag;
        }

        if (body is null)
        {
            return;
        }

        response.ContentType = ContentType;
        await using var writer = new Utf8JsonWriter(response.Body, WriterOptions);
        body.WriteTo(writer, Options);
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpContext context, ScimException error)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.ErrorId),
            ["status"] = error.Status.ToString(CultureInfo.InvariantCulture),
        };
        if (error.ScimType is not null)
        {
            body["scimType"] = error.ScimType;
        }

        body["detail"] = error.Message;
        if (error.Status == 401)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"scim\"";
        }

        return WriteAsync(context, error.Status, body);
    }
}

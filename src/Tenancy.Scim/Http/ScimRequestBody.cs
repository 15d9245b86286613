using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Tenancy.Scim.Errors;

namespace Tenancy.Scim.Http;

/// <summary>Reads a SCIM request body: JSON media types only, at most the configured size (413 beyond), an object.</summary>
internal static class ScimRequestBody
{
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context, int maxBytes)
    {
        var request = context.Request;
        if (request.ContentType is { Length: > 0 } contentType)
        {
            if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
                || !(media.MediaType.Equals("application/scim+json", StringComparison.OrdinalIgnoreCase)
                    || media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
            {
                throw new ScimException(415, ScimErrorType.InvalidSyntax, "Send the body as application/scim+json or application/json.");
            }
        }

        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, 64 * 1024));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > maxBytes)
                    {
                        throw TooLarge(maxBytes);
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes + 1L));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }
            }

            if (length == 0)
            {
                throw ScimException.BadRequest(ScimErrorType.InvalidSyntax, "The request needs a JSON body.");
            }

            JsonNode? node;
            try
            {
                node = JsonNode.Parse(buffer.AsSpan(0, length), documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
                node = node?.DeepClone(); // Materialise now, so that no lazy parsing error surfaces later.
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
            {
                throw ScimException.BadRequest(ScimErrorType.InvalidSyntax, "The body is not valid JSON.");
            }

            return node as JsonObject ?? throw ScimException.BadRequest(ScimErrorType.InvalidSyntax, "The body must be a JSON object.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ScimException TooLarge(int maxBytes) => new(413, null, $"The request body is larger than {maxBytes} bytes.");
}

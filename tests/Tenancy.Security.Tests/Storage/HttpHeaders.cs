namespace Tenancy.Security.Tests.Storage;

internal static class HttpHeaders
{
    /// <summary>A response header's value, from the response or its content headers; "" when absent.</summary>
    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";
}

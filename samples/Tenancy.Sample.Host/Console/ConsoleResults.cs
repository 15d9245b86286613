using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc;

namespace Tenancy.Sample.Host.Console;

/// <summary>Refusals the console answers with a short HTML body (a browser shows its own error page for an empty 4xx).</summary>
public static class ConsoleResults
{
    /// <summary>A 404 page.</summary>
    /// <param name="detail">What was not found.</param>
    /// <returns>The result.</returns>
    public static ContentResult NotFound(string detail) => Page(StatusCodes.Status404NotFound, "Not found", detail);

    /// <summary>A 400 page.</summary>
    /// <param name="detail">What was wrong.</param>
    /// <returns>The result.</returns>
    public static ContentResult BadRequest(string detail) => Page(StatusCodes.Status400BadRequest, "Bad request", detail);

    private static ContentResult Page(int status, string title, string detail) => new()
    {
        StatusCode = status,
        ContentType = "text/html; charset=utf-8",
        Content = $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><main><h1>{title}</h1><p>{HtmlEncoder.Default.Encode(detail)}</p><p><a href=\"/admin\">Back to the console</a></p></main></body></html>",
    };
}

using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Tenancy.AspNetCore.Problems;

/// <summary>
/// Answers a request with an RFC 9457 problem: through <see cref="IProblemDetailsService"/> when the application
/// registered one (so its customisations apply), otherwise as <c>application/problem+json</c> written here.
/// Bodies carry only fixed texts, the strategy name and the trace id, never request input.
/// </summary>
internal sealed class TenancyProblemWriter(IProblemDetailsService? problemDetails)
{
    public const string ContentType = "application/problem+json";

    public async Task WriteAsync(HttpContext context, TenancyProblem problem, string? strategy = null, TimeSpan? retryAfter = null)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.Clear();
        response.StatusCode = problem.Status;
        response.Headers.CacheControl = "no-store";
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = RetryAfterSeconds(wait);
        }

        if (problemDetails is not null)
        {
            var details = new ProblemDetails { Status = problem.Status, Type = problem.Type, Title = problem.Title, Detail = problem.Detail };
            if (strategy is not null)
            {
                details.Extensions["strategy"] = strategy;
            }

            if (await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details }))
            {
                return;
            }
        }

        await WriteJsonAsync(context, problem, strategy);
    }

    /// <summary>The whole seconds to wait, rounded up and at least one.</summary>
    /// <param name="wait">The wait.</param>
    /// <returns>The header value.</returns>
    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task WriteJsonAsync(HttpContext context, TenancyProblem problem, string? strategy)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", problem.Type);
            json.WriteString("title", problem.Title);
            json.WriteNumber("status", problem.Status);
            json.WriteString("detail", problem.Detail);
            if (strategy is not null)
            {
                json.WriteString("strategy", strategy);
            }

            json.WriteString("traceId", Activity.Current?.Id ?? context.TraceIdentifier);
            json.WriteEndObject();
        }

        context.Response.ContentType = ContentType;
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}

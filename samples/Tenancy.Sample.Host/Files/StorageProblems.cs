using Tenancy.Storage;
using Tenancy.Storage.Exceptions;

namespace Tenancy.Sample.Host.Files;

/// <summary>Turns Tenancy.Storage's typed errors into ProblemDetails responses (never a 500 for bad input).</summary>
internal static class StorageProblems
{
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (InvalidObjectKeyException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid file key", detail: ex.Message, extensions: new Dictionary<string, object?> { ["rule"] = ex.Error.ToString() });
        }
        catch (ObjectNotFoundException)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "File not found");
        }
        catch (TenantNotResolvedException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No tenant", detail: ex.Message);
        }
        catch (InvalidContinuationTokenException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid continuation token", detail: ex.Message);
        }
        catch (ObjectKeyConflictException ex)
        {
            // The message names only the caller's own key.
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The key clashes with another file or folder", detail: ex.Message);
        }
        catch (ObjectBackendException)
        {
            // The backend failed (S3 unreachable, disk error): retryable, and its details stay in the log.
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "File storage is unavailable", detail: "Try again later.");
        }
        catch (ObjectStorageException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The file cannot be stored or read", detail: ex.Message);
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: ex.Message);
        }
        catch (BadHttpRequestException ex)
        {
            return Results.Problem(statusCode: ex.StatusCode, title: "Invalid request", detail: ex.Message);
        }
    }
}

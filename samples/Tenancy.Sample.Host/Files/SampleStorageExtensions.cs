using Microsoft.AspNetCore.Mvc;
using Tenancy.Storage;

namespace Tenancy.Sample.Host.Files;

/// <summary>
/// The sample host's per-tenant file storage: <c>builder.AddSampleStorage()</c> then <c>app.MapSampleStorage()</c>.
/// Local disk under App_Data by default; S3 (or any S3-compatible server) with <c>Sample:Storage=S3</c>.
/// </summary>
public static class SampleStorageExtensions
{
    /// <summary>
    /// Adds Tenancy.Storage. Configuration: <c>Sample:Storage</c> (<c>Disk</c> or <c>S3</c>), <c>Sample:Disk:RootPath</c>
    /// (default <c>App_Data/files</c>), <c>Sample:S3:BucketName</c>, <c>Sample:S3:ServiceUrl</c>, <c>Sample:S3:Region</c>,
    /// <c>Sample:S3:AccessKeyId</c>, <c>Sample:S3:SecretAccessKey</c>, and <c>Sample:Storage:RootPrefix</c>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddSampleStorage(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var config = builder.Configuration;
        builder.Services.AddProblemDetails();
        builder.Services.AddTenancy().AddTenancyStorage(storage =>
        {
            if (string.Equals(config["Sample:Storage"], "S3", StringComparison.OrdinalIgnoreCase))
            {
                storage.UseS3(config["Sample:S3:BucketName"] ?? "tenancy-sample", s3 =>
                {
                    s3.ServiceUrl = config["Sample:S3:ServiceUrl"] is { Length: > 0 } url ? new Uri(url) : null;
                    s3.Region = config["Sample:S3:Region"] ?? s3.Region;
                    s3.AccessKeyId = config["Sample:S3:AccessKeyId"];
                    s3.SecretAccessKey = config["Sample:S3:SecretAccessKey"];
                });
            }
            else
            {
                storage.UseLocalDisk(config["Sample:Disk:RootPath"] ?? Path.Combine(builder.Environment.ContentRootPath, "App_Data", "files"));
            }

            if (config["Sample:Storage:RootPrefix"] is { } rootPrefix)
            {
                storage.WithRootPrefix(rootPrefix);
            }
        });
        return builder;
    }

    /// <summary>
    /// Maps the current tenant's files under <paramref name="pattern"/>: <c>GET /files?prefix=&amp;continuationToken=</c>
    /// lists, <c>PUT /files/{key}</c> uploads the request body (streamed), <c>GET /files/{key}</c> downloads,
    /// <c>DELETE /files/{key}</c> deletes. Bad keys answer 400, missing files 404, no tenant 400, all as ProblemDetails.
    /// </summary>
    /// <param name="endpoints">The endpoint builder (the app).</param>
    /// <param name="pattern">The route prefix.</param>
    /// <returns>The route group, for authorization and other conventions.</returns>
    public static RouteGroupBuilder MapSampleStorage(this IEndpointRouteBuilder endpoints, string pattern = "/files")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var files = endpoints.MapGroup(pattern).AddEndpointFilter(StorageProblems.FilterAsync).WithTags("Files");

        files.MapGet("/", async (ITenantObjectStore store, string? prefix, string? continuationToken, int? pageSize, CancellationToken cancellationToken) =>
        {
            var page = await store.ListAsync(prefix, continuationToken, Math.Clamp(pageSize ?? 100, 1, 1000), cancellationToken);
            return Results.Ok(new FileListing(page.Objects.Select(FileEntry.From).ToList(), page.ContinuationToken));
        });

        files.MapPut("/{**key}", async (string key, HttpRequest request, ITenantObjectStore store, CancellationToken cancellationToken) =>
        {
            var info = await store.PutAsync(key, request.Body, new ObjectPutOptions { ContentType = request.ContentType }, cancellationToken);
            return Results.Created($"{request.PathBase}{request.Path}", FileEntry.From(info));
        }).WithMetadata(new RequestSizeLimitAttribute(5L * 1024 * 1024 * 1024));

        files.MapGet("/{**key}", async (string key, ITenantObjectStore store, CancellationToken cancellationToken) =>
        {
            var download = await store.GetAsync(key, cancellationToken: cancellationToken);
            return Results.Stream(
                async body =>
                {
                    await using (download)
                    {
                        await download.Content.CopyToAsync(body, cancellationToken);
                    }
                },
                download.Info.ContentType,
                fileDownloadName: null,
                lastModified: download.Info.LastModified,
                entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{download.Info.ETag}\""));
        });

        files.MapDelete("/{**key}", async (string key, ITenantObjectStore store, CancellationToken cancellationToken) =>
            await store.DeleteAsync(key, cancellationToken) ? Results.NoContent() : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "File not found"));

        return files;
    }
}

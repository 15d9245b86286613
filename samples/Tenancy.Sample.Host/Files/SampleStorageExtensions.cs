using Microsoft.AspNetCore.Mvc;
using Tenancy.Storage;
using Tenancy.Storage.FileSystem;
using Tenancy.Storage.Serving;
using Tenancy.Stores;
using Tenancy.Storage.Objects;

namespace Tenancy.Sample.Host.Files;

/// <summary>
/// The sample host's per-tenant file storage: <c>builder.AddSampleStorage()</c> then <c>app.MapSampleStorage()</c>.
/// Local disk under App_Data by default; S3 (or any S3-compatible server) with <c>Sample:Storage=S3</c>.
/// </summary>
public static class SampleStorageExtensions
{
    /// <summary>
    /// Adds Tenancy.Storage. Configuration: <c>Sample:Storage</c> (<c>Disk</c> or <c>S3</c>), <c>Sample:Disk:RootPath</c>
    /// (default <c>App_Data/files</c>), <c>Sample:PublicBaseUrl</c> (enables presigned URLs on disk),
    /// <c>Sample:Disk:PresignedUrlKeys:{key id}</c> (base64, 32+ bytes each) with <c>Sample:Disk:ActivePresignedUrlKeyId</c>
    /// (a random per-process key when none is configured), <c>Sample:S3:BucketName</c>, <c>Sample:S3:ServiceUrl</c>, <c>Sample:S3:Region</c>,
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
                storage.UseLocalDisk(disk =>
                {
                    disk.RootPath = config["Sample:Disk:RootPath"] ?? Path.Combine(builder.Environment.ContentRootPath, "App_Data", "files");
                    if (config["Sample:PublicBaseUrl"] is { Length: > 0 } publicBase)
                    {
                        // Presigned URLs point at MapSampleStorage's "{pattern}-presigned" endpoints.
                        disk.PresignedUrlBase = new Uri(new Uri(publicBase), "files-presigned/");
                    }

                    foreach (var key in config.GetSection("Sample:Disk:PresignedUrlKeys").GetChildren())
                    {
                        disk.PresignedUrlKeys[key.Key] = key.Value ?? "";
                    }

                    disk.ActivePresignedUrlKeyId = config["Sample:Disk:ActivePresignedUrlKeyId"];
                });
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
    /// lists, <c>PUT /files/{key}</c> uploads the request body (streamed), <c>GET|HEAD /files/{key}</c> downloads (under
    /// the headers of <see cref="ObjectServingPolicy"/>: uploaded HTML, SVG or script is never active on this origin),
    /// <c>DELETE /files/{key}</c> deletes, <c>POST /files-presign/{key}?method=GET|PUT&amp;seconds=300</c> returns a
    /// presigned URL, and (local disk) <c>GET|HEAD|PUT /files-presigned/{tenant}/{key}?keyId&amp;expires&amp;signature</c>
    /// serves one without a tenant context, authorised by the signature alone (a GET URL also allows HEAD). Bad keys and
    /// malformed continuation tokens answer 400, missing files 404, no tenant 400, object/folder clashes 409, bad
    /// signatures 403, all as ProblemDetails.
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
            // An empty query value is no value.
            var page = await store.ListAsync(
                string.IsNullOrEmpty(prefix) ? null : prefix,
                string.IsNullOrEmpty(continuationToken) ? null : continuationToken,
                Math.Clamp(pageSize ?? 100, 1, 1000),
                cancellationToken);
            return Results.Ok(new FileListing(page.Objects.Select(FileEntry.From).ToList(), page.ContinuationToken));
        });

        files.MapPut("/{**key}", async (string key, HttpRequest request, ITenantObjectStore store, CancellationToken cancellationToken) =>
        {
            var info = await store.PutAsync(key, request.Body, new ObjectPutOptions { ContentType = request.ContentType }, cancellationToken);
            return Results.Created($"{request.PathBase}{request.Path}", FileEntry.From(info));
        }).WithMetadata(new RequestSizeLimitAttribute(5L * 1024 * 1024 * 1024));

        files.MapMethods("/{**key}", [HttpMethods.Get, HttpMethods.Head], async (string key, HttpRequest request, ITenantObjectStore store, CancellationToken cancellationToken) =>
            await ServeAsync(store, key, HttpMethods.IsHead(request.Method), cancellationToken));

        files.MapDelete("/{**key}", async (string key, ITenantObjectStore store, CancellationToken cancellationToken) =>
            await store.DeleteAsync(key, cancellationToken) ? Results.NoContent() : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "File not found"));

        endpoints.MapPost(pattern + "-presign/{**key}", async (string key, string? method, int? seconds, ITenantObjectStore store, CancellationToken cancellationToken) =>
        {
            var verb = string.Equals(method, "PUT", StringComparison.OrdinalIgnoreCase) ? PresignedUrlMethod.Put : PresignedUrlMethod.Get;
            var url = await store.GetPresignedUrlAsync(key, verb, TimeSpan.FromSeconds(Math.Clamp(seconds ?? 300, 1, 7 * 24 * 3600)), cancellationToken);
            return Results.Ok(new { url });
        }).AddEndpointFilter(StorageProblems.FilterAsync).WithTags("Files");

        var presigned = endpoints.MapGroup(pattern + "-presigned/{tenantId}").AddEndpointFilter(StorageProblems.FilterAsync).WithTags("Files").AllowWithoutTenant();
        presigned.MapMethods("/{**key}", [HttpMethods.Get, HttpMethods.Head], async (string tenantId, string key, string? keyId, string? expires, string? signature, HttpContext http, CancellationToken cancellationToken) =>
        {
            // A GET URL also allows HEAD (the headers of the same object, no body).
            var tenant = await PresignedTenantAsync(http, PresignedUrlMethod.Get, tenantId, key, keyId, expires, signature, cancellationToken);
            if (tenant is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Invalid or expired presigned URL");
            }

            using (http.RequestServices.GetRequiredService<ICurrentTenant>().Begin(tenant))
            {
                return await ServeAsync(http.RequestServices.GetRequiredService<ITenantObjectStore>(), key, HttpMethods.IsHead(http.Request.Method), cancellationToken);
            }
        });
        presigned.MapPut("/{**key}", async (string tenantId, string key, string? keyId, string? expires, string? signature, HttpContext http, CancellationToken cancellationToken) =>
        {
            var tenant = await PresignedTenantAsync(http, PresignedUrlMethod.Put, tenantId, key, keyId, expires, signature, cancellationToken);
            if (tenant is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Invalid or expired presigned URL");
            }

            using (http.RequestServices.GetRequiredService<ICurrentTenant>().Begin(tenant))
            {
                var info = await http.RequestServices.GetRequiredService<ITenantObjectStore>().PutAsync(key, http.Request.Body, new ObjectPutOptions { ContentType = http.Request.ContentType }, cancellationToken);
                return Results.Ok(FileEntry.From(info));
            }
        }).WithMetadata(new RequestSizeLimitAttribute(5L * 1024 * 1024 * 1024));

        return files;
    }

    private static async Task<IResult> ServeAsync(ITenantObjectStore store, string key, bool headOnly, CancellationToken cancellationToken)
    {
        if (!headOnly)
        {
            return SafeFileResult.Download(await store.GetAsync(key, cancellationToken: cancellationToken));
        }

        return await store.HeadAsync(key, cancellationToken) is { } info
            ? SafeFileResult.Head(info)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "File not found");
    }

    private static async Task<TenantInfo?> PresignedTenantAsync(HttpContext http, PresignedUrlMethod method, string tenantId, string key, string? keyId, string? expires, string? signature, CancellationToken cancellationToken)
    {
        var urls = http.RequestServices.GetService<LocalPresignedUrls>();
        if (urls is null || !urls.TryValidate(method, tenantId, key, keyId, expires, signature))
        {
            return null;
        }

        var tenants = http.RequestServices.GetService<ITenantStore>();
        var tenant = tenants is null ? null : await tenants.FindByIdAsync(tenantId, cancellationToken);
        return tenant is { IsActive: true } ? tenant : null;
    }
}

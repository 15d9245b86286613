using Microsoft.Net.Http.Headers;
using Tenancy.Storage;
using Tenancy.Storage.Serving;
using Tenancy.Storage.Objects;

namespace Tenancy.Sample.Host.Files;

/// <summary>
/// Serves a stored object under the headers <see cref="ObjectServingPolicy"/> decides: the allow-listed type (or
/// <c>application/octet-stream</c>), <c>inline</c> only for inert types, <c>X-Content-Type-Options: nosniff</c> and
/// <c>Content-Security-Policy: sandbox; default-src 'none'</c> always, and <c>Cache-Control: private</c> (the tenant comes
/// from the request, so a shared cache must not keep it). HEAD requests get the headers without a body.
/// </summary>
public sealed class SafeFileResult : IResult, IDisposable
{
    private readonly ObjectInfo _info;
    private readonly ObjectDownload? _download;

    private SafeFileResult(ObjectInfo info, ObjectDownload? download)
    {
        _info = info;
        _download = download;
    }

    /// <summary>A GET response that streams <paramref name="download"/> (and disposes it).</summary>
    /// <param name="download">The open object.</param>
    /// <returns>The result.</returns>
    public static SafeFileResult Download(ObjectDownload download)
    {
        ArgumentNullException.ThrowIfNull(download);
        return new(download.Info, download);
    }

    /// <summary>A HEAD response: the object's headers, no body.</summary>
    /// <param name="info">The object's description.</param>
    /// <returns>The result.</returns>
    public static SafeFileResult Head(ObjectInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new(info, null);
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        await using (_download)
        {
            var safe = httpContext.RequestServices.GetRequiredService<ObjectServingPolicy>().Decide(_info);
            var response = httpContext.Response;
            foreach (var (name, value) in safe.Headers)
            {
                response.Headers[name] = value;
            }

            response.Headers.CacheControl = "private";
            response.Headers.ETag = new EntityTagHeaderValue($"\"{_info.ETag}\"").ToString();
            response.Headers.LastModified = HeaderUtilities.FormatDate(_info.LastModified);
            response.ContentLength = _download?.ContentLength ?? _info.Size;
            if (_download is null || HttpMethods.IsHead(httpContext.Request.Method))
            {
                return;
            }

            await _download.Content.CopyToAsync(response.Body, httpContext.RequestAborted);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _download?.Dispose();
}

using System.Buffers;
using System.Globalization;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tenancy.Storage.S3.Diagnostics;
using Tenancy.Storage.Serving;
using Tenancy.Storage.Exceptions;
using Tenancy.Storage.Keys;
using Tenancy.Storage.Objects;

namespace Tenancy.Storage.S3;

/// <summary>
/// Objects in one S3 bucket (AWS or any S3-compatible server) with the SDK's default settings (checksums, chunked
/// uploads). Content above <see cref="S3StorageOptions.MultipartThresholdBytes"/> is uploaded in parts from pooled
/// buffers (at most <see cref="S3StorageOptions.UploadConcurrency"/> + 1), so memory stays flat; a failed multipart
/// upload is aborted so no parts are left behind.
/// </summary>
internal sealed class S3Backend : IObjectBackend
{
    private const string MetadataHeaderPrefix = "x-amz-meta-";
    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
    private readonly IAmazonS3 _s3;
    private readonly S3StorageOptions _options;
    private readonly ILogger _logger;
    private readonly ObjectServingPolicy _serving;
    private readonly TimeProvider _time;

    public S3Backend(IAmazonS3 s3, IOptions<S3StorageOptions> options, ILogger<S3Backend> logger, ObjectServingPolicy? serving = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _s3 = s3;
        _options = options.Value;
        _logger = logger;
        _serving = serving ?? ObjectServingPolicy.Default;
        _time = time ?? TimeProvider.System;
    }

    public string Name => "s3";

    public int MaxSegmentUtf8Bytes => ObjectKey.MaxUtf8Bytes;

    private string Bucket => _options.BucketName;

    public async Task<ObjectInfo> PutAsync(string key, Stream content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var threshold = _options.MultipartThresholdBytes;
        var partSize = Math.Max(_options.PartSizeBytes, threshold);
        var buffer = ArrayPool<byte>.Shared.Rent(partSize);
        try
        {
            // Read up to one part: content that ends within it and within the threshold goes up in one request.
            var first = await FillAsync(content, buffer, partSize, cancellationToken).ConfigureAwait(false);
            if (first < partSize && first <= threshold)
            {
                using var body = new MemoryStream(buffer, 0, first, writable: false);
                var request = new PutObjectRequest
                {
                    BucketName = Bucket,
                    Key = key,
                    InputStream = body,
                    AutoCloseStream = false,
                    ContentType = contentType,
                };
                request.Headers.ContentDisposition = _serving.Decide(key, contentType).ContentDisposition;
                AddMetadata(request.Metadata, metadata);
                var response = await _s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
                return new ObjectInfo(key, first, Unquote(response.ETag), _time.GetUtcNow(), contentType, metadata);
            }

            return await MultipartAsync(key, content, contentType, metadata, buffer, first, partSize, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<ObjectDownload?> GetAsync(string key, ObjectRange? range, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = Bucket, Key = key };
        if (range is { } r)
        {
            request.ByteRange = r.Length is { } length ? new ByteRange(r.Offset, r.Offset + length - 1) : new ByteRange($"bytes={r.Offset}-");
        }

        GetObjectResponse response;
        try
        {
            response = await _s3.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            throw new ObjectStorageException($"The range starting at byte {range?.Offset} is beyond the end of the object.", ex);
        }

        var contentLength = response.ContentLength;
        var size = TotalSize(response.ContentRange) ?? contentLength;
        var info = new ObjectInfo(key, size, Unquote(response.ETag), LastModified(response.LastModified), response.Headers.ContentType, ReadMetadata(response.Metadata));
        return new ObjectDownload(info, response.ResponseStream, contentLength, response);
    }

    public async Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            return new ObjectInfo(key, response.ContentLength, Unquote(response.ETag), LastModified(response.LastModified), response.Headers.ContentType, ReadMetadata(response.Metadata));
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<BackendPage> ListAsync(string prefix, string? startAfter, int pageSize, CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix, MaxKeys = pageSize };
        if (startAfter is not null)
        {
            request.StartAfter = startAfter;
        }

        var response = await _s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
        var objects = new List<ObjectInfo>(response.S3Objects?.Count ?? 0);
        foreach (var o in response.S3Objects ?? [])
        {
            objects.Add(new ObjectInfo(o.Key, o.Size ?? 0, Unquote(o.ETag), LastModified(o.LastModified), null, EmptyMetadata));
        }

        return new BackendPage(objects, response.IsTruncated == true && objects.Count > 0);
    }

    public async Task<ObjectInfo?> CopyAsync(string sourceKey, string destinationKey, CancellationToken cancellationToken)
    {
        var source = await HeadAsync(sourceKey, cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            return null;
        }

        if (source.Size > _options.MultipartCopyThresholdBytes)
        {
            await MultipartCopyAsync(source, destinationKey, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            try
            {
                await _s3.CopyObjectAsync(
                    new CopyObjectRequest
                    {
                        SourceBucket = Bucket,
                        SourceKey = sourceKey,
                        DestinationBucket = Bucket,
                        DestinationKey = destinationKey,
                        MetadataDirective = S3MetadataDirective.COPY,
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        }

        return await HeadAsync(destinationKey, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        // S3 answers 204 whether or not the key existed; the HEAD tells the caller which.
        var existed = await HeadAsync(key, cancellationToken).ConfigureAwait(false) is not null;
        await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
        return existed;
    }

    public async Task DeleteManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        foreach (var batch in keys.Chunk(1000))
        {
            var request = new DeleteObjectsRequest
            {
                BucketName = Bucket,
                Quiet = true,
                Objects = batch.Select(k => new KeyVersion { Key = k }).ToList(),
            };
            var response = await _s3.DeleteObjectsAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.DeleteErrors is { Count: > 0 } errors)
            {
                throw new ObjectStorageException($"{errors.Count} of {batch.Length} objects could not be deleted (first: {errors[0].Code} {errors[0].Message}).");
            }
        }
    }

    public async Task<Uri> GetPresignedUrlAsync(string key, PresignedUrlMethod method, TimeSpan expiresIn, CancellationToken cancellationToken)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = Bucket,
            Key = key,
            Verb = method == PresignedUrlMethod.Put ? HttpVerb.PUT : HttpVerb.GET,
            // The SDK signs with its own clock and turns Expires into X-Amz-Expires against it: both read the system
            // clock in production; a test TimeProvider far from it would make the URL expire early or late.
            Expires = _time.GetUtcNow().UtcDateTime.Add(expiresIn),
            Protocol = _options.ServiceUrl?.Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS,
        };
        if (method == PresignedUrlMethod.Get)
        {
            // The bucket must not serve what a tenant uploaded as active content: the signed URL overrides the response's
            // type and disposition (response-content-type, response-content-disposition) from the serving policy, which
            // matches the stored type against its allow-lists (a missing object gets the octet-stream attachment).
            var stored = await HeadAsync(key, cancellationToken).ConfigureAwait(false);
            var headers = _serving.Decide(key, stored?.ContentType);
            request.ResponseHeaderOverrides.ContentType = headers.ContentType;
            request.ResponseHeaderOverrides.ContentDisposition = headers.ContentDisposition;
        }

        return new Uri(await _s3.GetPreSignedURLAsync(request).ConfigureAwait(false));
    }

    private async Task<ObjectInfo> MultipartAsync(string key, Stream content, string contentType, IReadOnlyDictionary<string, string> metadata, byte[] firstBuffer, int filled, int partSize, CancellationToken cancellationToken)
    {
        var initiate = new InitiateMultipartUploadRequest { BucketName = Bucket, Key = key, ContentType = contentType };
        initiate.Headers.ContentDisposition = _serving.Decide(key, contentType).ContentDisposition;
        AddMetadata(initiate.Metadata, metadata);
        var upload = await _s3.InitiateMultipartUploadAsync(initiate, cancellationToken).ConfigureAwait(false);

        // At most UploadConcurrency parts are in flight and one more is being read: memory is bounded by
        // (UploadConcurrency + 1) part buffers, whatever the object's size.
        var concurrency = Math.Max(1, _options.UploadConcurrency);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inFlight = new List<Task<(PartETag Part, byte[] Buffer)>>(concurrency);
        var free = new Stack<byte[]>();
        var rented = new List<byte[]>();
        var parts = new List<PartETag>();
        try
        {
            long size = 0;
            var partNumber = 1;
            var buffer = firstBuffer;
            while (filled > 0)
            {
                inFlight.Add(UploadPartAsync(key, upload.UploadId, partNumber++, buffer, filled, failed.Token));
                size += filled;
                if (inFlight.Count >= concurrency)
                {
                    var done = await Task.WhenAny(inFlight).ConfigureAwait(false);
                    inFlight.Remove(done);
                    var (part, used) = await done.ConfigureAwait(false);
                    parts.Add(part);
                    free.Push(used);
                }

                if (!free.TryPop(out buffer))
                {
                    buffer = ArrayPool<byte>.Shared.Rent(partSize);
                    rented.Add(buffer);
                }

                filled = await FillAsync(content, buffer, partSize, cancellationToken).ConfigureAwait(false);
            }

            foreach (var (part, _) in await Task.WhenAll(inFlight).ConfigureAwait(false))
            {
                parts.Add(part);
            }

            inFlight.Clear();
            parts.Sort(static (a, b) => Nullable.Compare(a.PartNumber, b.PartNumber));
            var complete = await _s3.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = Bucket, Key = key, UploadId = upload.UploadId, PartETags = parts },
                cancellationToken).ConfigureAwait(false);
            return new ObjectInfo(key, size, Unquote(complete.ETag), _time.GetUtcNow(), contentType, metadata);
        }
        catch (Exception ex)
        {
            await failed.CancelAsync().ConfigureAwait(false);
            try
            {
                // Parts still uploading read from pooled buffers: let them stop before the buffers go back.
                await Task.WhenAll(inFlight).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Each part's own failure is secondary to the first one.
            }

            await AbortAsync(key, upload.UploadId, ex).ConfigureAwait(false);
            throw;
        }
        finally
        {
            foreach (var buffer in rented)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private async Task<(PartETag Part, byte[] Buffer)> UploadPartAsync(string key, string uploadId, int partNumber, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, length, writable: false);
        var response = await _s3.UploadPartAsync(
            new UploadPartRequest
            {
                BucketName = Bucket,
                Key = key,
                UploadId = uploadId,
                PartNumber = partNumber,
                PartSize = length,
                InputStream = body,
            },
            cancellationToken).ConfigureAwait(false);
        return (new PartETag(response), buffer);
    }

    private async Task MultipartCopyAsync(ObjectInfo source, string destinationKey, CancellationToken cancellationToken)
    {
        var initiate = new InitiateMultipartUploadRequest { BucketName = Bucket, Key = destinationKey, ContentType = source.ContentType };
        AddMetadata(initiate.Metadata, source.Metadata);
        var upload = await _s3.InitiateMultipartUploadAsync(initiate, cancellationToken).ConfigureAwait(false);
        try
        {
            var partSize = Math.Max(_options.PartSizeBytes, 64L * 1024 * 1024);
            var parts = new List<PartETag>();
            var partNumber = 1;
            for (long offset = 0; offset < source.Size; offset += partSize, partNumber++)
            {
                var part = await _s3.CopyPartAsync(
                    new CopyPartRequest
                    {
                        SourceBucket = Bucket,
                        SourceKey = source.Key,
                        DestinationBucket = Bucket,
                        DestinationKey = destinationKey,
                        UploadId = upload.UploadId,
                        PartNumber = partNumber,
                        FirstByte = offset,
                        LastByte = Math.Min(offset + partSize, source.Size) - 1,
                    },
                    cancellationToken).ConfigureAwait(false);
                parts.Add(new PartETag(partNumber, part.ETag));
            }

            await _s3.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = Bucket, Key = destinationKey, UploadId = upload.UploadId, PartETags = parts },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await AbortAsync(destinationKey, upload.UploadId, ex).ConfigureAwait(false);
            throw;
        }
    }

    private async Task AbortAsync(string key, string uploadId, Exception cause)
    {
        Log.MultipartAborted(_logger, cause, key);
        try
        {
            await _s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = Bucket, Key = key, UploadId = uploadId }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AmazonS3Exception)
        {
            // The original failure matters more; a bucket lifecycle rule should also expire stale uploads.
        }
    }

    private static async Task<int> FillAsync(Stream content, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < count)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled, count - filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    private static void AddMetadata(MetadataCollection target, IReadOnlyDictionary<string, string> metadata)
    {
        foreach (var (name, value) in metadata)
        {
            target[name] = value;
        }
    }

    private static Dictionary<string, string> ReadMetadata(MetadataCollection metadata)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in metadata.Keys)
        {
            var bare = name.StartsWith(MetadataHeaderPrefix, StringComparison.OrdinalIgnoreCase) ? name[MetadataHeaderPrefix.Length..] : name;
            result[bare.ToLowerInvariant()] = metadata[name];
        }

        return result;
    }

    private static long? TotalSize(string? contentRange)
    {
        // "bytes 0-9/100"
        var slash = contentRange?.LastIndexOf('/') ?? -1;
        return slash >= 0 && long.TryParse(contentRange.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total) ? total : null;
    }

    private static string Unquote(string? etag) => etag?.Trim('"') ?? "";

    private DateTimeOffset LastModified(DateTime? value) =>
        value is { } v ? new DateTimeOffset(v.ToUniversalTime(), TimeSpan.Zero) : _time.GetUtcNow();
}

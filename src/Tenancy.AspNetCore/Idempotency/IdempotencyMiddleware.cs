using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using Tenancy.AspNetCore.Platform;
using Tenancy.AspNetCore.Problems;
using Tenancy.Idempotency;

namespace Tenancy.AspNetCore.Idempotency;

/// <summary>
/// Makes POST, PUT and PATCH requests with an <c>Idempotency-Key</c> header safe to retry. The first response (status,
/// headers, body up to a limit) is stored in <see cref="IDistributedCache"/> per tenant, method, route and key; a retry
/// gets it again with <c>Idempotency-Replayed: true</c>; the same key with another request (method, path, query or body)
/// gets 422; a duplicate while the first still runs gets 409. Server errors (5xx, exceptions) are not stored, so they
/// may be retried. Concurrent duplicates are refused atomically within a process, and across processes when an
/// <see cref="IIdempotencyClaims"/> is registered (Tenancy.Redis: <c>AddRedisIdempotency</c>); without one, the cache's
/// read-then-write leaves a window of one round trip between processes.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IDistributedCache cache, IOptions<IdempotencyOptions> options, ICurrentTenant currentTenant, TimeProvider time, IProblemDetailsService? problemDetails = null, IIdempotencyClaims? claims = null)
{
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);
    private static readonly HashSet<string> SkippedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Transfer-Encoding", "Connection", "Keep-Alive", "Set-Cookie", "Content-Length", "Server",
    };

    private readonly IdempotencyOptions _options = options.Value;
    private readonly TenancyProblemWriter _problems = new(problemDetails);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
            || !request.Headers.TryGetValue(_options.HeaderName, out var values))
        {
            await next(context);
            return;
        }

        if (values.Count != 1 || values[0] is not { Length: > 0 and <= 255 } key || key.AsSpan().ContainsAnyExceptInRange('\u0020', '\u007e'))
        {
            await _problems.WriteAsync(context, TenancyProblem.InvalidIdempotencyKey);
            return;
        }

        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? request.Path.Value ?? "/";
        var cacheKey = CacheKey(currentTenant.Id, request.Method, route, key);
        var fingerprint = await FingerprintAsync(request, context.RequestAborted);

        if (!_inFlight.TryAdd(cacheKey, 0))
        {
            await _problems.WriteAsync(context, TenancyProblem.IdempotencyInProgress);
            return;
        }

        var started = false;
        IAsyncDisposable? claim = null;
        try
        {
            IdempotencyRecord? existing;
            try
            {
                if (claims is not null && (claim = await claims.TryClaimAsync(cacheKey, _options.InProgressTimeout, context.RequestAborted)) is null)
                {
                    await _problems.WriteAsync(context, TenancyProblem.IdempotencyInProgress); // Another process runs it now.
                    return;
                }

                existing = await ReadAsync(cacheKey, context.RequestAborted);
                if (existing is null)
                {
                    await WriteAsync(cacheKey, new IdempotencyRecord { Fingerprint = fingerprint }, _options.InProgressTimeout, context.RequestAborted);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Fail closed: without the store nothing guarantees the request runs once, so it does not run (503, not 500).
                await _problems.WriteAsync(context, TenancyProblem.IdempotencyUnavailable);
                return;
            }

            if (existing is not null)
            {
                if (!string.Equals(existing.Fingerprint, fingerprint, StringComparison.Ordinal))
                {
                    await _problems.WriteAsync(context, TenancyProblem.IdempotencyMismatch);
                }
                else if (!existing.Completed)
                {
                    await _problems.WriteAsync(context, TenancyProblem.IdempotencyInProgress);
                }
                else
                {
                    await ReplayAsync(context, existing);
                }

                return;
            }

            started = true;
            var record = await RunAndCaptureAsync(context, fingerprint);
            if (record is null)
            {
                await cache.RemoveAsync(cacheKey, CancellationToken.None);
            }
            else
            {
                await WriteAsync(cacheKey, record, _options.Expiration, CancellationToken.None);
            }

            started = false;
        }
        finally
        {
            if (started)
            {
                await cache.RemoveAsync(cacheKey, CancellationToken.None); // The request failed: let a retry run it.
            }

            if (claim is not null)
            {
                try
                {
                    await claim.DisposeAsync();
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The claim expires by itself (InProgressTimeout); a store that stopped answering must not turn an answered request into a 500.
                }
            }

            _inFlight.TryRemove(cacheKey, out _);
        }
    }

    private async Task<IdempotencyRecord?> RunAndCaptureAsync(HttpContext context, string fingerprint)
    {
        var original = context.Response.Body;
        await using var capture = new CaptureStream(original, _options.MaxBodyBytes);
        context.Response.Body = capture;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var response = context.Response;
        if (response.StatusCode >= 500)
        {
            return null;
        }

        var headers = new List<string[]>();
        foreach (var header in response.Headers)
        {
            if (!SkippedHeaders.Contains(header.Key))
            {
                foreach (var value in header.Value)
                {
                    headers.Add([header.Key, value ?? string.Empty]);
                }
            }
        }

        return new IdempotencyRecord
        {
            Fingerprint = fingerprint,
            Completed = true,
            Status = response.StatusCode,
            Headers = headers,
            Body = capture.Overflowed ? null : capture.Captured.ToArray(),
            BodyOmitted = capture.Overflowed,
        };
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord record)
    {
        var response = context.Response;
        response.StatusCode = record.Status;
        foreach (var header in record.Headers)
        {
            response.Headers.Append(header[0], header[1]);
        }

        response.Headers["Idempotency-Replayed"] = "true";
        if (record.Body is { Length: > 0 } body)
        {
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private async Task<IdempotencyRecord?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var bytes = await cache.GetAsync(key, cancellationToken);
        var record = bytes is null ? null : JsonSerializer.Deserialize<IdempotencyRecord>(bytes);
        return record is not null && record.ExpiresAt > time.GetUtcNow() ? record : null; // Our own clock, whatever the cache's.
    }

    private Task WriteAsync(string key, IdempotencyRecord record, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        record.ExpiresAt = time.GetUtcNow() + lifetime;
        return cache.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(record), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime }, cancellationToken);
    }

    private static async Task<string> FingerprintAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(request.Method + " " + request.Path + request.QueryString + "\n"));
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string CacheKey(string? tenantId, string method, string route, string key)
    {
        var keyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(method + "\n" + route + "\n" + key)));
        return string.Concat("tenancy:idempotency:", tenantId ?? "-", ":", keyHash);
    }

    /// <summary>Writes through to the response and keeps a copy of the first bytes, up to a limit.</summary>
    private sealed class CaptureStream(Stream inner, int limit) : Stream
    {
        public MemoryStream Captured { get; } = new();

        public bool Overflowed { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Keep(ReadOnlySpan<byte> data)
        {
            if (Overflowed)
            {
                return;
            }

            if (Captured.Length + data.Length > limit)
            {
                Overflowed = true;
                Captured.SetLength(0);
                return;
            }

            Captured.Write(data);
        }
    }
}

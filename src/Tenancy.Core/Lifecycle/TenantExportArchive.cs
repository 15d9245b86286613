using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Tenancy.Lifecycle;

/// <summary>
/// The export of one tenant: a zip written straight to the destination stream entry by entry (memory stays flat whatever
/// the size), ending with <c>manifest.json</c> that lists every entry with its size and SHA-256.
/// </summary>
public sealed class TenantExportArchive : IAsyncDisposable
{
    private readonly ZipArchive _zip;
    private readonly string _tenantId;
    private readonly DateTimeOffset _createdAt;
    private readonly List<(string Name, long Size, string Sha256)> _entries = [];

    /// <summary>Starts an archive on <paramref name="destination"/> (left open).</summary>
    /// <param name="destination">A writable stream; need not be seekable.</param>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="createdAt">The time in the manifest.</param>
    public TenantExportArchive(Stream destination, string tenantId, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        _tenantId = TenantId.Validate(tenantId);
        _createdAt = createdAt;
    }

    /// <summary>The entries written so far.</summary>
    public IReadOnlyList<(string Name, long Size, string Sha256)> Entries => _entries;

    /// <summary>Adds an entry, written by <paramref name="write"/> and hashed on the way.</summary>
    /// <param name="name">The entry name (<c>data/notes.json</c>); relative, with no <c>..</c>.</param>
    /// <param name="write">Writes the content.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the entry is written.</returns>
    public async Task AddAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(write);
        if (name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Split('/').Any(p => p is "" or "." or ".."))
        {
            throw new ArgumentException("An archive entry name is a relative path without '.', '..', '\\' or empty segments.", nameof(name));
        }

        if (name == "manifest.json" || _entries.Any(e => e.Name == name))
        {
            throw new ArgumentException($"The archive already has an entry '{name}'.", nameof(name));
        }

        var entry = _zip.CreateEntry(name, CompressionLevel.Fastest);
        var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var hashing = new HashingStream(stream, hash);
            await write(hashing, cancellationToken).ConfigureAwait(false);
            await hashing.FlushAsync(cancellationToken).ConfigureAwait(false);
            _entries.Add((name, hashing.Written, Convert.ToHexStringLower(hash.GetHashAndReset())));
        }
    }

    /// <summary>Writes the manifest and finishes the zip.</summary>
    /// <returns>A task that completes when the archive is complete.</returns>
    public async ValueTask DisposeAsync()
    {
        var manifest = _zip.CreateEntry("manifest.json", CompressionLevel.Fastest);
        var stream = await manifest.OpenAsync().ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("tenantId", _tenantId);
            json.WriteString("createdAt", _createdAt);
            json.WriteStartArray("entries");
            foreach (var (name, size, sha256) in _entries)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteNumber("size", size);
                json.WriteString("sha256", sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        _zip.Dispose();
    }

    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            hash.AppendData(buffer, offset, count);
            Written += count;
            inner.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            hash.AppendData(buffer.Span);
            Written += buffer.Length;
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}

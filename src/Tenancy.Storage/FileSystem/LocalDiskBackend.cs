using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Tenancy.Storage.Exceptions;
using Tenancy.Storage.Keys;
using Tenancy.Storage.Objects;

namespace Tenancy.Storage.FileSystem;

/// <summary>
/// Objects as files under <see cref="LocalDiskStorageOptions.RootPath"/>: <c>{root}/{physical key}</c>, with a JSON
/// sidecar per object under <c>{root}/.tenancy/meta/</c>. Writes go to a temporary file that is renamed into place, so a
/// reader never sees half an object and a failed write leaves the previous one. The ETag is the SHA-256 of the content.
/// Symbolic links are never followed: every path component below the root is checked, and on Linux the opened file's
/// real path is verified through <c>/proc/self/fd</c>.
/// </summary>
internal sealed class LocalDiskBackend : IObjectBackend
{
    /// <summary>The longest segment: a file name is at most 255 bytes (5 kept spare).</summary>
    public const int SegmentLimit = 250;

    private const string ReservedFolder = ".tenancy";
    private const int BufferSize = 128 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly EnumerationOptions WalkOptions = new()
    {
        RecurseSubdirectories = false,
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = true,
        ReturnSpecialDirectories = false,
    };

    private readonly string _root;
    private readonly string _metaRoot;
    private readonly string _tempRoot;

    private readonly LocalPresignedUrls? _presigned;
    private readonly string _tenantRoot;

    public LocalDiskBackend(IOptions<LocalDiskStorageOptions> options, LocalPresignedUrls? presigned = null, string rootPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(options);
        _presigned = presigned;
        _tenantRoot = rootPrefix.Length == 0 ? "" : rootPrefix + "/";
        Directory.CreateDirectory(options.Value.RootPath);
        _root = RealPath(options.Value.RootPath);
        _metaRoot = Path.Join(_root, ReservedFolder, "meta");
        _tempRoot = Path.Join(_root, ReservedFolder, "tmp");
    }

    public string Name => "disk";

    public int MaxSegmentUtf8Bytes => SegmentLimit;

    public async Task<ObjectInfo> PutAsync(string key, Stream content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var data = DataPath(key);
        var meta = MetaPath(key);
        EnsureNoLinks(data, includeLeaf: false);
        EnsureNoLinks(meta, includeLeaf: false);

        // A key that clashes with an object or folder is refused before anything is written.
        EnsureNoClash(data, _root, key);
        EnsureNoClash(meta, _metaRoot, key);
        Directory.CreateDirectory(_tempRoot);
        var id = Guid.NewGuid().ToString("N");
        var tempData = Path.Join(_tempRoot, id + ".data");
        var tempMeta = Path.Join(_tempRoot, id + ".json");
        try
        {
            var (size, etag) = await WriteAsync(tempData, content, cancellationToken).ConfigureAwait(false);
            var sidecar = new ObjectSidecar(etag, size, contentType, new Dictionary<string, string>(metadata, StringComparer.Ordinal));
            await File.WriteAllBytesAsync(tempMeta, JsonSerializer.SerializeToUtf8Bytes(sidecar, Json), cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();

            Commit(id, tempData, data, tempMeta, meta, key);
            return new ObjectInfo(key, size, etag, File.GetLastWriteTimeUtc(data), contentType, sidecar.Metadata);
        }
        finally
        {
            File.Delete(tempData);
            File.Delete(tempMeta);
        }
    }

    /// <summary>
    /// Renames the content and then the sidecar into place. The previous content and sidecar are kept as hard links
    /// (<see cref="File.Replace(string, string, string?)"/>) until both renames succeeded; when the second fails, the
    /// previous content is renamed back, so a failure half-way leaves the previous object and its sidecar as they were.
    /// </summary>
    private void Commit(string id, string tempData, string data, string tempMeta, string meta, string key)
    {
        var backupData = Path.Join(_tempRoot, id + ".data.previous");
        var backupMeta = Path.Join(_tempRoot, id + ".json.previous");
        bool? hadData = null;
        bool? hadMeta = null;
        try
        {
            CreateParent(data, key);
            CreateParent(meta, key);
            hadData = Place(tempData, data, backupData, key);
            hadMeta = Place(tempMeta, meta, backupMeta, key);
            FaultInjection?.Invoke(data);
        }
        catch
        {
            Undo(hadData, backupData, data);
            Undo(hadMeta, backupMeta, meta);

            RemoveEmptyParents(data, _root);
            RemoveEmptyParents(meta, _metaRoot);
            throw;
        }
        finally
        {
            File.Delete(backupData);
            File.Delete(backupMeta);
        }
    }

    /// <summary>Puts back what <see cref="Place"/> replaced: the previous file, or nothing when there was none.</summary>
    private static void Undo(bool? hadPrevious, string backup, string target)
    {
        if (hadPrevious == true)
        {
            File.Move(backup, target, overwrite: true);
        }
        else if (hadPrevious == false)
        {
            File.Delete(target);
        }
    }

    /// <summary>A test hook: runs after both renames, before the write is final; an exception there must undo the write.</summary>
    internal Action<string>? FaultInjection { get; set; }

    public async Task<ObjectDownload?> GetAsync(string key, ObjectRange? range, CancellationToken cancellationToken)
    {
        var data = DataPath(key);
        var stream = OpenRead(data);
        if (stream is null)
        {
            return null;
        }

        try
        {
            var info = await DescribeAsync(key, data, stream.Length, cancellationToken).ConfigureAwait(false);
            if (range is not { } r)
            {
                return new ObjectDownload(info, stream, info.Size);
            }

            if (r.Offset >= info.Size)
            {
                throw new ObjectStorageException($"The range starts at byte {r.Offset}, beyond the end of the object ({info.Size} bytes).");
            }

            var length = Math.Min(r.Length ?? long.MaxValue, info.Size - r.Offset);
            stream.Seek(r.Offset, SeekOrigin.Begin);
            return new ObjectDownload(info, new BoundedReadStream(stream, length), length);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        var data = DataPath(key);
        EnsureNoLinks(data, includeLeaf: true);
        var file = new FileInfo(data);
        return file.Exists ? await DescribeAsync(key, data, file.Length, cancellationToken).ConfigureAwait(false) : null;
    }

    public async Task<BackendPage> ListAsync(string prefix, string? startAfter, int pageSize, CancellationToken cancellationToken)
    {
        var slash = prefix.LastIndexOf('/');
        var folderKey = slash < 0 ? "" : prefix[..(slash + 1)];
        var folder = folderKey.Length == 0 ? _root : DataPath(folderKey.TrimEnd('/'));
        EnsureNoLinks(folder, includeLeaf: true);
        if (!Directory.Exists(folder))
        {
            return new BackendPage([], false);
        }

        // Walk in key order and stop after one page: a page costs the folders on its path, not the whole tree.
        var found = new List<(string Key, FileInfo File)>(Math.Min(pageSize + 1, 1024));
        Walk(new DirectoryInfo(folder), folderKey, prefix, startAfter, pageSize + 1, found, cancellationToken);
        var count = Math.Min(pageSize, found.Count);
        var objects = new List<ObjectInfo>(count);
        for (var i = 0; i < count; i++)
        {
            var (key, file) = found[i];
            objects.Add(await DescribeAsync(key, file.FullName, file.Length, cancellationToken).ConfigureAwait(false));
        }

        return new BackendPage(objects, found.Count > pageSize);
    }

    /// <summary>
    /// Depth-first in ordinal key order: siblings sort by name, folders as "name/" (every key below a folder starts with
    /// that), which is exactly the order of the full keys. Links are skipped, never followed.
    /// </summary>
    private static void Walk(DirectoryInfo folder, string folderKey, string prefix, string? startAfter, int limit, List<(string Key, FileInfo File)> found, CancellationToken cancellationToken)
    {
        var entries = new List<(string SortKey, FileSystemInfo Info)>();
        foreach (var entry in folder.EnumerateFileSystemInfos("*", WalkOptions))
        {
            if (folderKey.Length == 0 && entry.Name == ReservedFolder)
            {
                continue;
            }

            entries.Add(entry is DirectoryInfo ? (folderKey + entry.Name + "/", entry) : (folderKey + entry.Name, entry));
        }

        entries.Sort(static (a, b) => string.CompareOrdinal(a.SortKey, b.SortKey));
        foreach (var (key, info) in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (found.Count >= limit)
            {
                return;
            }

            if (info is DirectoryInfo directory)
            {
                var mayMatch = key.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(key, StringComparison.Ordinal);
                var allBefore = startAfter is not null && !startAfter.StartsWith(key, StringComparison.Ordinal) && string.CompareOrdinal(key, startAfter) < 0;
                if (mayMatch && !allBefore)
                {
                    Walk(directory, key, prefix, startAfter, limit, found, cancellationToken);
                }
            }
            else if (key.StartsWith(prefix, StringComparison.Ordinal) && (startAfter is null || string.CompareOrdinal(key, startAfter) > 0))
            {
                found.Add((key, (FileInfo)info));
            }
        }
    }

    public async Task<ObjectInfo?> CopyAsync(string sourceKey, string destinationKey, CancellationToken cancellationToken)
    {
        using var source = await GetAsync(sourceKey, null, cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            return null;
        }

        var info = await PutAsync(destinationKey, source.Content, source.Info.ContentType ?? ObjectMetadata.DefaultContentType, source.Info.Metadata, cancellationToken).ConfigureAwait(false);
        return info;
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var data = DataPath(key);
        EnsureNoLinks(data, includeLeaf: true);
        if (!File.Exists(data))
        {
            return Task.FromResult(false);
        }

        File.Delete(data);
        var meta = MetaPath(key);
        EnsureNoLinks(meta, includeLeaf: true);
        File.Delete(meta);
        RemoveEmptyParents(data, _root);
        RemoveEmptyParents(meta, _metaRoot);
        return Task.FromResult(true);
    }

    public async Task DeleteManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<Uri> GetPresignedUrlAsync(string key, PresignedUrlMethod method, TimeSpan expiresIn, CancellationToken cancellationToken)
    {
        // key is "{root prefix}/{tenant}/{relative key}", built by TenantKeyspace.
        var rest = key.StartsWith(_tenantRoot, StringComparison.Ordinal) ? key[_tenantRoot.Length..] : throw new ObjectStorageException("Only tenant objects can be presigned.");
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (_presigned is null || slash <= 0)
        {
            throw new ObjectStorageException("Presigned URLs on the local disk need LocalDiskStorageOptions.PresignedUrlBase: the address of an endpoint that serves them.");
        }

        return TenantKeyspace.TryReadSegment(rest.AsSpan(0, slash), out var tenantId)
            ? Task.FromResult(_presigned.Create(tenantId, rest[(slash + 1)..], method, expiresIn))
            : throw new ObjectStorageException("Only tenant objects can be presigned.");
    }

    private static async Task<(long Size, string ETag)> WriteAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
                BufferSize = 0,
            });
            await using (file.ConfigureAwait(false))
            {
                long size = 0;
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    size += read;
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
                return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<ObjectInfo> DescribeAsync(string key, string data, long size, CancellationToken cancellationToken)
    {
        var lastModified = new DateTimeOffset(File.GetLastWriteTimeUtc(data), TimeSpan.Zero);
        var meta = MetaPath(key);
        EnsureNoLinks(meta, includeLeaf: true);
        if (File.Exists(meta))
        {
            var sidecar = JsonSerializer.Deserialize<ObjectSidecar>(await File.ReadAllBytesAsync(meta, cancellationToken).ConfigureAwait(false), Json);
            if (sidecar is not null && sidecar.Size == size)
            {
                return new ObjectInfo(key, size, sidecar.ETag, lastModified, sidecar.ContentType, (IReadOnlyDictionary<string, string>?)sidecar.Metadata ?? ObjectMetadata.Empty);
            }
        }

        // A file placed without the store (or a stale sidecar): describe it from its content.
        var stream = OpenRead(data) ?? throw new ObjectStorageException($"The object '{DisplayKey(key)}' disappeared while it was read.");
        await using (stream.ConfigureAwait(false))
        {
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return new ObjectInfo(key, size, Convert.ToHexStringLower(hash), lastModified, ObjectMetadata.DefaultContentType, ObjectMetadata.Empty);
        }
    }

    private FileStream? OpenRead(string path)
    {
        EnsureNoLinks(path, includeLeaf: true);
        FileStream stream;
        try
        {
            stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = BufferSize,
            });
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException || (ex is UnauthorizedAccessException && Directory.Exists(path)))
        {
            return null;
        }

        if (OperatingSystem.IsLinux())
        {
            // The equivalent of O_NOFOLLOW for every component: the file we opened must be the file we meant.
            string? real = null;
            try
            {
                real = new FileInfo($"/proc/self/fd/{stream.SafeFileHandle.DangerousGetHandle()}").LinkTarget;
            }
            catch (IOException)
            {
            }

            if (real is not null && !string.Equals(real, path, StringComparison.Ordinal))
            {
                stream.Dispose();
                throw LinkRefused();
            }
        }

        return stream;
    }

    private string DataPath(string key) => Contained(Path.Join(_root, key), _root);

    // The sidecar tree mirrors the data tree exactly (same relative path, no suffix): two keys clash in one tree exactly
    // when they clash in the other ("doc" and "doc.json/child" are both storable; with a ".json" suffix they were not).
    private string MetaPath(string key) => Contained(Path.Join(_metaRoot, key), _metaRoot);

    private static string Contained(string path, string root)
    {
        // Keys are validated before they get here; this is the backstop.
        var full = Path.GetFullPath(path);
        return full.Length > root.Length + 1 && full.StartsWith(root, StringComparison.Ordinal) && full[root.Length] == Path.DirectorySeparatorChar
            ? full
            : throw new ObjectStorageException("The key resolves outside the store.");
    }

    private void EnsureNoLinks(string full, bool includeLeaf)
    {
        if (full.Length <= _root.Length + 1)
        {
            return;
        }

        var parts = full[(_root.Length + 1)..].Split(Path.DirectorySeparatorChar);
        var current = _root;
        for (var i = 0; i < parts.Length; i++)
        {
            if (i == parts.Length - 1 && !includeLeaf)
            {
                return;
            }

            current = Path.Join(current, parts[i]);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null)
            {
                throw LinkRefused();
            }

            if (!info.Exists && !Directory.Exists(current))
            {
                return;
            }
        }
    }

    /// <summary>Renames <paramref name="temp"/> to <paramref name="target"/>; returns whether a previous file was kept at <paramref name="backup"/>.</summary>
    private bool Place(string temp, string target, string backup, string key)
    {
        for (var attempt = 0; ; attempt++)
        {
            EnsureNoLinks(target, includeLeaf: false);
            if (Directory.Exists(target))
            {
                throw Conflict(key);
            }

            try
            {
                if (File.Exists(target))
                {
                    // rename(2) after hard-linking the previous file to the backup: atomic for readers.
                    File.Replace(temp, target, backup, ignoreMetadataErrors: true);
                    return true;
                }

                File.Move(temp, target, overwrite: false);
                return false;
            }
            catch (IOException) when (attempt < 3 && !Directory.Exists(target))
            {
                // A concurrent write created the file, or a concurrent delete removed it or its (then empty) parent.
                CreateParent(target, key);
            }
        }
    }

    /// <summary>Refuses a key whose path is a folder, or whose parent path runs through a file (the object/folder clash).</summary>
    private void EnsureNoClash(string path, string root, string key)
    {
        if (Directory.Exists(path))
        {
            throw Conflict(key);
        }

        for (var folder = Path.GetDirectoryName(path); folder is not null && folder.Length > root.Length; folder = Path.GetDirectoryName(folder))
        {
            if (Directory.Exists(folder))
            {
                return;
            }

            if (File.Exists(folder))
            {
                throw Conflict(key);
            }
        }
    }

    private void CreateParent(string path, string key)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (IOException ex)
        {
            throw Conflict(key, ex);
        }
    }

    private static void RemoveEmptyParents(string path, string stopAt)
    {
        var folder = Path.GetDirectoryName(path);
        while (folder is not null && folder.Length > stopAt.Length && folder.StartsWith(stopAt, StringComparison.Ordinal))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    return;
                }

                Directory.Delete(folder);
            }
            catch (IOException)
            {
                return;
            }

            folder = Path.GetDirectoryName(folder);
        }
    }

    private ObjectKeyConflictException Conflict(string key, Exception? inner = null) => ObjectKeyConflictException.ForKey(DisplayKey(key), inner);

    /// <summary>What an error message may show of a physical key: the tenant-relative part (never the root prefix or tenant segment).</summary>
    private string DisplayKey(string physicalKey)
    {
        if (physicalKey.StartsWith(_tenantRoot, StringComparison.Ordinal))
        {
            var rest = physicalKey.AsSpan(_tenantRoot.Length);
            var slash = rest.IndexOf('/');
            if (slash > 0)
            {
                return rest[(slash + 1)..].ToString();
            }
        }

        return "(outside the tenant folders)";
    }

    private static ObjectStorageException LinkRefused() =>
        new("The path contains a symbolic link; the local-disk store never follows links.");

    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        foreach (var part in full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Join(current, part);
            current = new DirectoryInfo(next).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? next;
        }

        return current.TrimEnd(Path.DirectorySeparatorChar);
    }
}

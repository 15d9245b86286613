namespace Tenancy.Storage.Objects;

/// <summary>An open object: its description and a stream of its content (or of the requested range). Dispose it.</summary>
public sealed class ObjectDownload : IAsyncDisposable, IDisposable
{
    private readonly IDisposable? _owner;

    /// <summary>Creates a download.</summary>
    /// <param name="info">The object's description (<see cref="ObjectInfo.Size"/> is the whole object's size).</param>
    /// <param name="content">The content stream, positioned at the range start.</param>
    /// <param name="contentLength">How many bytes <paramref name="content"/> yields.</param>
    /// <param name="owner">Something to dispose with the stream (a backend response), if any.</param>
    public ObjectDownload(ObjectInfo info, Stream content, long contentLength, IDisposable? owner = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(content);
        Info = info;
        Content = content;
        ContentLength = contentLength;
        _owner = owner;
    }

    /// <summary>The object's description.</summary>
    public ObjectInfo Info { get; }

    /// <summary>The content (the requested range only, when one was given). Read it once, forward.</summary>
    public Stream Content { get; }

    /// <summary>How many bytes <see cref="Content"/> yields.</summary>
    public long ContentLength { get; }

    internal ObjectDownload WithKey(string key) => new(Info with { Key = key }, Content, ContentLength, _owner);

    /// <inheritdoc />
    public void Dispose()
    {
        Content.Dispose();
        _owner?.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _owner?.Dispose();
    }
}

namespace Tenancy.Storage.Objects;

/// <summary>
/// The caller's upload content, read forward only, remembering the exception its own reads threw: a caller's stream
/// that fails (a client that went away) is the caller's failure, not the backend's, and reaches the caller as it is.
/// </summary>
internal sealed class CallerContentStream(Stream inner) : ForwardReadStream
{
    public Exception? Error { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return inner.Read(buffer);
        }
        catch (Exception exception)
        {
            Error = exception;
            throw;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Error = exception;
            throw;
        }
    }
}

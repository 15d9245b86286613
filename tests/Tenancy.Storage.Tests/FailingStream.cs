namespace Tenancy.Storage.Tests;

/// <summary>Passes an inner stream through and throws <see cref="IOException"/> once <c>failAfter</c> bytes were read (a dropped client).</summary>
internal sealed class FailingStream(Stream inner, long failAfter) : ForwardOnlyStream
{
    private long _read;

    public override int Read(Span<byte> buffer)
    {
        if (_read >= failAfter)
        {
            throw new IOException("The client went away.");
        }

        var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, failAfter - _read)]);
        _read += read;
        return read;
    }
}

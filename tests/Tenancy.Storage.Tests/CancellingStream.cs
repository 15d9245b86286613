namespace Tenancy.Storage.Tests;

/// <summary>Passes an inner stream through and cancels <c>source</c> once <c>cancelAfter</c> bytes were read (a caller giving up).</summary>
internal sealed class CancellingStream(Stream inner, long cancelAfter, CancellationTokenSource source) : ForwardOnlyStream
{
    private long _read;

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        _read += read;
        if (_read >= cancelAfter)
        {
            source.Cancel();
        }

        return read;
    }
}

namespace Tenancy.Storage.Tests;

/// <summary>A read-only, non-seekable stream of <c>length</c> pseudo-random bytes, generated as it is read (no memory held).</summary>
internal sealed class GeneratedStream : ForwardOnlyStream
{
    private readonly long _length;
    private long _position;
    private uint _state;

    public GeneratedStream(long length, int seed)
    {
        _length = length;
        _state = (uint)seed * 2654435761u + 1;
    }

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, _length - _position);
        for (var i = 0; i < count; i++)
        {
            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            buffer[i] = (byte)_state;
        }

        _position += count;
        return count;
    }
}

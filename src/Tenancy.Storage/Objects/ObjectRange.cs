namespace Tenancy.Storage.Objects;

/// <summary>A byte range of an object: <see cref="Length"/> bytes from <see cref="Offset"/> (to the end when <see langword="null"/>).</summary>
public readonly record struct ObjectRange
{
    /// <summary>Creates a range.</summary>
    /// <param name="offset">The first byte, zero-based.</param>
    /// <param name="length">How many bytes, or <see langword="null"/> for the rest of the object.</param>
    public ObjectRange(long offset, long? length = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is { } l)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(l, nameof(length));
        }

        Offset = offset;
        Length = length;
    }

    /// <summary>The first byte, zero-based.</summary>
    public long Offset { get; }

    /// <summary>How many bytes, or <see langword="null"/> for the rest of the object.</summary>
    public long? Length { get; }
}

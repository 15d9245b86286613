using Tenancy.Storage.Objects;

namespace Tenancy.Storage.Tests;

/// <summary>A synchronous, forward-only, read-only test stream (the package's own stream shape): derived types implement <see cref="Stream.Read(Span{byte})"/>.</summary>
internal abstract class ForwardOnlyStream : ForwardReadStream
{
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));
}

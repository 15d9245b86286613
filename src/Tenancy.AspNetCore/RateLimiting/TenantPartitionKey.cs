using System.Net;

namespace Tenancy.AspNetCore.RateLimiting;

/// <summary>
/// The partition of a caller's own limiter: the tenant, its plan, a generation that moves on when the tenant changes (so that a
/// plan change starts the tenant on fresh limiters), the pool, and — for a caller's own share — the caller: an
/// authenticated principal or API key id (a string the principal already holds) or the client address (as a number, so
/// building the key allocates nothing).
/// </summary>
/// <param name="TenantId">The tenant id (empty for requests without a tenant).</param>
/// <param name="Plan">The tenant's plan.</param>
/// <param name="Generation">Moves on with every published change of the tenant.</param>
/// <param name="Pool">Whose budget this partition counts.</param>
/// <param name="CallerId">The authenticated caller's id, or <see langword="null"/> for a tenant-wide or address partition.</param>
/// <param name="Address">The client address (IPv6, or IPv4 mapped to IPv6, cut to the configured prefix); 0 when unknown or unused.</param>
internal readonly record struct TenantPartitionKey(string TenantId, string? Plan, int Generation, RateLimitPool Pool, string? CallerId, UInt128 Address)
{
    /// <summary>
    /// The address as a number: IPv4 and IPv4-mapped IPv6 addresses as <c>::ffff:a.b.c.d</c>, IPv6 addresses cut to
    /// <paramref name="ipv6PrefixLength"/> bits (one subscriber usually holds a whole /64). Allocates nothing.
    /// </summary>
    /// <param name="address">The address, or <see langword="null"/>.</param>
    /// <param name="ipv6PrefixLength">How many leading bits of an IPv6 address identify the caller.</param>
    /// <returns>The number; 0 for <see langword="null"/>.</returns>
    public static UInt128 AddressKey(IPAddress? address, int ipv6PrefixLength)
    {
        if (address is null)
        {
            return UInt128.Zero;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            return UInt128.Zero;
        }

        if (written == 4)
        {
            return new UInt128(0, 0xFFFF_0000_0000UL | System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes));
        }

        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
        if (value >> 32 == 0xFFFF)
        {
            return value; // IPv4-mapped: the whole address, as for IPv4.
        }

        return ipv6PrefixLength >= 128 ? value : value & (UInt128.MaxValue << (128 - ipv6PrefixLength));
    }
}

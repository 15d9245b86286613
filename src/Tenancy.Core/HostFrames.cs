using System.Runtime.CompilerServices;

namespace Tenancy;

/// <summary>
/// Frames for a tenant made current from the host context by <see cref="AmbientCurrentTenant.RunAsync{TState}"/>: a
/// small direct-mapped cache by tenant reference. These frames are never a scope's token (no <see cref="TenantScope"/>
/// holds one), so nothing ever marks them ended and flows can share them; a scope begun inside points to one as its
/// parent and only reads it.
/// </summary>
internal static class HostFrames
{
    private const int Size = 256;
    private static readonly TenantFrame?[] Frames = new TenantFrame?[Size];

    public static TenantFrame For(TenantInfo tenant)
    {
        ref var slot = ref Frames[RuntimeHelpers.GetHashCode(tenant) & (Size - 1)];
        var frame = Volatile.Read(ref slot);
        if (frame is null || !ReferenceEquals(frame.Tenant, tenant))
        {
            frame = new TenantFrame(tenant, null);
            Volatile.Write(ref slot, frame);
        }

        return frame;
    }
}

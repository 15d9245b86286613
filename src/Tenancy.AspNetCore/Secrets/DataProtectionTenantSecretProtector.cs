using Microsoft.AspNetCore.DataProtection;
using Tenancy.Secrets;

namespace Tenancy.AspNetCore.Secrets;

/// <summary>
/// Encrypts tenant secrets with ASP.NET Core Data Protection under the purpose chain
/// <c>Tenancy.Secrets / {kind} / {tenant id}</c>: a value stored for one tenant or kind does not decrypt as another.
/// </summary>
internal sealed class DataProtectionTenantSecretProtector(IDataProtectionProvider provider) : ITenantSecretProtector
{
    private const string Purpose = "Tenancy.Secrets";

    public byte[] Protect(string tenantId, TenantSecretKind kind, ReadOnlySpan<byte> value) =>
        For(tenantId, kind).Protect(value.ToArray());

    public byte[] Unprotect(string tenantId, TenantSecretKind kind, byte[] protectedValue)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        return For(tenantId, kind).Unprotect(protectedValue);
    }

    private IDataProtector For(string tenantId, TenantSecretKind kind)
    {
        TenantId.Validate(tenantId);
        return provider.CreateProtector(Purpose, kind.ToString(), tenantId);
    }
}

namespace Tenancy.EntityFramework;

/// <summary>
/// Marks an entity class as tenant-scoped with a shadow tenant-id property (see <see cref="TenancyModel.TenantIdProperty"/>).
/// Equivalent to <see cref="ITenantScoped"/> for classes that should not carry the tenant id themselves.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class TenantScopedAttribute : Attribute
{
}

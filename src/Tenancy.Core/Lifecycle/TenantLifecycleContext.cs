namespace Tenancy.Lifecycle;

/// <summary>What a <see cref="TenantLifecycleStep"/> works on.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Archive">The export archive during <see cref="TenantLifecycleStage.Export"/>, otherwise <see langword="null"/>.</param>
public sealed record TenantLifecycleContext(TenantInfo Tenant, TenantExportArchive? Archive);

namespace Tenancy.Redis.Caching;

/// <summary>What the shared cache keeps under one key: the tenant, or <see langword="null"/> for "no such tenant".</summary>
internal sealed record CachedTenant(TenantInfo? Tenant);

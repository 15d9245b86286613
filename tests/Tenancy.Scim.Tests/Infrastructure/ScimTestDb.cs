using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework;

namespace Tenancy.Scim.Tests.Infrastructure;

/// <summary>A host application's context with the SCIM tables.</summary>
public sealed class ScimTestDb(DbContextOptions<ScimTestDb> options) : TenantDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyTenancyScim();
}

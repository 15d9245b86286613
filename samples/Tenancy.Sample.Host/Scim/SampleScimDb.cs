using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework;

namespace Tenancy.Sample.Host.Scim;

/// <summary>The sample's SCIM directory: users, groups, memberships, tokens, role mappings and the provisioning log.</summary>
public sealed class SampleScimDb(DbContextOptions<SampleScimDb> options) : TenantDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyTenancyScim();
}

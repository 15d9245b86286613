using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework.Sso;

namespace Tenancy.Sample.Host.Sso;

/// <summary>The sample's SSO tables (providers, external logins, encrypted secrets) and Data Protection keys, in App_Data/sso.db.</summary>
public sealed class SampleSsoDb(DbContextOptions<SampleSsoDb> options) : DbContext(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring (shared by every instance that uses this database).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyTenancySso();
}

using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework;
using Tenancy.EntityFramework.Platform;
using Tenancy.EntityFramework.Sso;

namespace Tenancy.Sso.Tests.Infrastructure;

/// <summary>The platform tables (members) and the SSO tables (providers, logins, secrets) in one context.</summary>
public sealed class SsoTestDbContext(DbContextOptions<SsoTestDbContext> options) : TenantDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyTenancyPlatform().ApplyTenancySso();
}

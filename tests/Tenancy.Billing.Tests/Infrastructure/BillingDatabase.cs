using Microsoft.EntityFrameworkCore;
using Tenancy.Testing.Postgres;

namespace Tenancy.Billing.Tests.Infrastructure;

/// <summary>
/// <see cref="BillingDb"/>'s tables on a throw-away PostgreSQL database: owned by an owner role with row-level security
/// applied, the application connected as a role with DML rights only (no BYPASSRLS).
/// </summary>
internal static class BillingDatabase
{
    public static Task<PostgresTestDatabase> CreateAsync() =>
        PostgresTestDatabase.CreateAsync("tenancy_billing_", owner => new BillingDb(new DbContextOptionsBuilder<BillingDb>().UseNpgsql(owner).UseTenancy().Options));
}

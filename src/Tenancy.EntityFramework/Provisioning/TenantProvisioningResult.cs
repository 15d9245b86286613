namespace Tenancy.EntityFramework.Provisioning;

/// <summary>What happened to one tenant's database or schema.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Succeeded">Whether the tenant's database or schema is now up to date.</param>
/// <param name="Action">What was done: <c>migrated</c>, <c>created</c>, <c>up-to-date</c> or <c>failed</c>.</param>
/// <param name="AppliedMigrations">The migrations applied (empty when the schema was created without migrations).</param>
/// <param name="Elapsed">How long it took.</param>
/// <param name="Error">The failure, when <paramref name="Succeeded"/> is <see langword="false"/>.</param>
public sealed record TenantProvisioningResult(
    string TenantId,
    bool Succeeded,
    string Action,
    IReadOnlyList<string> AppliedMigrations,
    TimeSpan Elapsed,
    Exception? Error);

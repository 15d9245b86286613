namespace Tenancy.Lifecycle;

/// <summary>What an onboarding or offboarding run did (or, in a dry run, would do).</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Operation">The operation (<c>onboard</c>, <c>offboard</c>).</param>
/// <param name="Steps">Each step, in order, with what happened to it.</param>
/// <param name="Finished">Whether the operation is complete (false while an offboarding waits for its grace period).</param>
public sealed record TenantLifecycleReport(string TenantId, string Operation, IReadOnlyList<TenantLifecycleStepReport> Steps, bool Finished);

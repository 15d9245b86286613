namespace Tenancy.Lifecycle;

/// <summary>One step of a run.</summary>
/// <param name="Key">The journal key (<c>stage:name</c>).</param>
/// <param name="Description">What the step does.</param>
/// <param name="Outcome"><c>done</c>, <c>already-done</c> (journaled by an earlier run), <c>would-run</c> (dry run) or <c>waiting</c>.</param>
public sealed record TenantLifecycleStepReport(string Key, string Description, string Outcome);

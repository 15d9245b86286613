namespace Tenancy.Lifecycle;

/// <summary>
/// An offboarding step of the <see cref="TenantLifecycleStage.RevokeCredentials"/> stage that deletes one kind of the
/// tenant's credentials (API keys, secrets, SSO settings). Each kind derives its own sealed type, so registering it twice
/// (<c>TryAddEnumerable</c>) still adds it once.
/// </summary>
/// <param name="name">The step's name.</param>
/// <param name="revokes">What it does, as a phrase completed by "of tenant 'id'" (e.g. "Delete every secret").</param>
/// <param name="revokeAsync">Deletes the tenant's credentials of this kind.</param>
internal abstract class RevokeCredentialsLifecycleStep(string name, string revokes, Func<string, CancellationToken, Task> revokeAsync)
    : TenantLifecycleStep
{
    public sealed override string Name => name;

    public sealed override bool Handles(TenantLifecycleStage stage) => stage == TenantLifecycleStage.RevokeCredentials;

    public sealed override string Describe(TenantLifecycleStage stage, TenantInfo tenant) => $"{revokes} of tenant '{tenant?.Id}'.";

    public sealed override Task RunAsync(TenantLifecycleStage stage, TenantLifecycleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return revokeAsync(context.Tenant.Id, cancellationToken);
    }
}

namespace Tenancy.Lifecycle;

/// <summary>
/// One package's (or the host's) part in onboarding and offboarding. Override the stages you take part in; each must be
/// idempotent, because a run that failed half-way is resumed and may repeat a step that had done part of its work.
/// Register steps as <c>services.AddSingleton&lt;TenantLifecycleStep, MyStep&gt;()</c>; each Tenancy package adds its own.
/// </summary>
public abstract class TenantLifecycleStep
{
    /// <summary>A stable, unique name (the journal records steps by it), such as <c>ef.data</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The position among steps of the same stage, lowest first. Default 0.</summary>
    public virtual int Order => 0;

    /// <summary>Whether the step takes part in <paramref name="stage"/>.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public abstract bool Handles(TenantLifecycleStage stage);

    /// <summary>Says what the step would do in <paramref name="stage"/>, for dry runs.</summary>
    /// <param name="stage">The stage.</param>
    /// <param name="tenant">The tenant.</param>
    /// <returns>One line.</returns>
    public virtual string Describe(TenantLifecycleStage stage, TenantInfo tenant) => $"{Name}: {stage} for tenant '{tenant?.Id}'.";

    /// <summary>Runs the step for <paramref name="stage"/>. The tenant is current (ambient) while it runs.</summary>
    /// <param name="stage">The stage.</param>
    /// <param name="context">The tenant, the export archive (in <see cref="TenantLifecycleStage.Export"/>) and services.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>A task that completes when the step is done.</returns>
    public abstract Task RunAsync(TenantLifecycleStage stage, TenantLifecycleContext context, CancellationToken cancellationToken);
}

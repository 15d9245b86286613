using Tenancy.Resolution;

namespace Tenancy.Events;

/// <summary>
/// Hooks into resolution: derive from it, override what you need and register it with
/// <c>TenancyBuilder.AddObserver&lt;T&gt;()</c>. Observers run after the outcome is decided and cannot change it;
/// their exceptions are logged and swallowed.
/// </summary>
public abstract class TenantResolutionObserver
{
    /// <summary>Called when an active tenant is resolved.</summary>
    /// <param name="result">The result.</param>
    /// <param name="cancellationToken">Cancels the hook.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    public virtual ValueTask OnResolvedAsync(TenantResolutionResult result, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Called when a key was found but no tenant has it, or no strategy found a key.</summary>
    /// <param name="result">The result.</param>
    /// <param name="cancellationToken">Cancels the hook.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    public virtual ValueTask OnNotFoundAsync(TenantResolutionResult result, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Called when a request is rejected: malformed key, conflict, or inactive tenant.</summary>
    /// <param name="result">The result.</param>
    /// <param name="cancellationToken">Cancels the hook.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    public virtual ValueTask OnRejectedAsync(TenantResolutionResult result, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

namespace Tenancy.Sso;

/// <summary>
/// Keeps pending sign-ins by their <c>state</c> value. <see cref="TakeAsync"/> must be atomic (an entry is taken once), so a
/// replayed callback finds nothing. The default keeps them in process memory: with several instances, register one on a
/// shared store (Redis <c>GETDEL</c>) or keep sign-ins sticky to an instance.
/// </summary>
public interface ITenantSignInStateStore
{
    /// <summary>Stores a pending sign-in.</summary>
    /// <param name="state">The <c>state</c> value sent to the provider.</param>
    /// <param name="value">The pending sign-in.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    Task SaveAsync(string state, TenantSignInState value, CancellationToken cancellationToken = default);

    /// <summary>Removes and returns a pending sign-in.</summary>
    /// <param name="state">The <c>state</c> value of the callback.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The pending sign-in, or <see langword="null"/> when unknown or already taken.</returns>
    Task<TenantSignInState?> TakeAsync(string state, CancellationToken cancellationToken = default);
}

namespace Tenancy.Scim.Provisioning;

/// <summary>Just-in-time provisioning from a sign-in, coexisting with SCIM-provisioned users without duplicates.</summary>
public interface IScimJitProvisioner
{
    /// <summary>
    /// Finds the current tenant's user by <c>externalId</c>, then by <c>userName</c> (without case), and updates the given
    /// attributes; creates the user when neither matches. A user found by userName gets the externalId when it had none.
    /// </summary>
    /// <param name="user">The user seen at sign-in.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The user's SCIM id and whether it was created.</returns>
    Task<(string Id, bool Created)> UpsertAsync(ScimJitUser user, CancellationToken cancellationToken = default);
}

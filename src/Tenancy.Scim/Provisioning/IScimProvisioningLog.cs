namespace Tenancy.Scim.Provisioning;

/// <summary>The per-tenant provisioning log (the "SCIM outbox"): what each SCIM request asked and how it ended.</summary>
public interface IScimProvisioningLog
{
    /// <summary>Writes an entry for the current tenant.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when written.</returns>
    Task WriteAsync(ScimProvisioningEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The current tenant's latest entries, newest first.</summary>
    /// <param name="take">How many.</param>
    /// <param name="failuresOnly">Only entries with a status of 400 or more.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The entries.</returns>
    Task<IReadOnlyList<ScimProvisioningEntry>> ListAsync(int take = 100, bool failuresOnly = false, CancellationToken cancellationToken = default);
}

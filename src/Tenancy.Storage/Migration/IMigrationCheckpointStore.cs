namespace Tenancy.Storage.Migration;

/// <summary>Keeps migration checkpoints so that an interrupted run resumes where it stopped.</summary>
public interface IMigrationCheckpointStore
{
    /// <summary>Loads a migration's checkpoint.</summary>
    /// <param name="migrationId">The migration's id.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The checkpoint, or <see langword="null"/> for a migration that never ran.</returns>
    Task<MigrationCheckpoint?> LoadAsync(string migrationId, CancellationToken cancellationToken = default);

    /// <summary>Saves a checkpoint, replacing the previous one atomically.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>A task that completes when the checkpoint is durable.</returns>
    Task SaveAsync(MigrationCheckpoint checkpoint, CancellationToken cancellationToken = default);
}

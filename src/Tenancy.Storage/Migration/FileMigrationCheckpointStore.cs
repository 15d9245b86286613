using System.Text.Json;

namespace Tenancy.Storage.Migration;

/// <summary>Checkpoints as JSON files (<c>{folder}/{migration id}.json</c>), replaced atomically by rename.</summary>
public sealed class FileMigrationCheckpointStore : IMigrationCheckpointStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly string _folder;

    /// <summary>Creates the store.</summary>
    /// <param name="folder">The folder for checkpoint files (created when missing).</param>
    public FileMigrationCheckpointStore(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _folder = Path.GetFullPath(folder);
    }

    /// <inheritdoc />
    public async Task<MigrationCheckpoint?> LoadAsync(string migrationId, CancellationToken cancellationToken = default)
    {
        var path = PathFor(migrationId);
        if (!File.Exists(path))
        {
            return null;
        }

        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync<MigrationCheckpoint>(stream, Json, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task SaveAsync(MigrationCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var path = PathFor(checkpoint.MigrationId);
        Directory.CreateDirectory(_folder);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, checkpoint, Json, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private string PathFor(string migrationId) =>
        TenantId.IsValid(migrationId)
            ? Path.Join(_folder, migrationId + ".json")
            : throw new ArgumentException("A migration id is 1 to 64 ASCII letters, digits, '-' or '_'.", nameof(migrationId));
}

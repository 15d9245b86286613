using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tenancy.Storage.Diagnostics;
using Tenancy.Storage.Exceptions;
using Tenancy.Storage.Keys;
using Tenancy.Storage.Objects;

namespace Tenancy.Storage.Migration;

/// <summary>
/// Moves a pre-tenancy bucket (or folder) into tenant prefixes: scans the source prefix page by page in key order,
/// classifies each key (prefix map, then delegate), copies it to <c>{root}/{tenant}/{key}</c>, verifies size and ETag,
/// and never deletes or changes the original. Progress is checkpointed so an interrupted run resumes after the last
/// key it finished; a key copied just before an interruption is recognised on resume and not copied again.
/// </summary>
public sealed class TenantStorageMigrator
{
    private readonly IObjectBackend _backend;
    private readonly TenantKeyspace _keyspace;
    private readonly StorageMetrics _metrics;
    private readonly ILogger _logger;

    internal TenantStorageMigrator(IObjectBackend backend, TenantKeyspace keyspace, StorageMetrics metrics, ILogger<TenantStorageMigrator> logger)
    {
        _backend = backend;
        _keyspace = keyspace;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Runs (or resumes) a migration.</summary>
    /// <param name="options">What to migrate and how.</param>
    /// <param name="progress">Told after each key.</param>
    /// <param name="cancellationToken">Stops the run after the current key; the checkpoint is saved, so run again to resume.</param>
    /// <returns>The totals, including earlier runs of the same migration.</returns>
    public async Task<MigrationCheckpoint> RunAsync(StorageMigrationOptions options, IProgress<MigrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var rules = options.PrefixMap.OrderByDescending(p => p.Key.Length).ToArray();
        var tenantArea = _keyspace.RootPrefix + "/";

        var state = options.DryRun || options.Checkpoints is null
            ? null
            : await options.Checkpoints.LoadAsync(options.MigrationId, cancellationToken).ConfigureAwait(false);
        state ??= new MigrationCheckpoint { MigrationId = options.MigrationId };
        if (state.LastKey is not null)
        {
            Log.MigrationResumed(_logger, options.MigrationId, state.LastKey);
        }

        var unclassified = new List<string>(state.UnclassifiedKeys);
        var failures = new List<MigrationFailure>(state.Failures);
        var sinceSave = 0;
        try
        {
            BackendPage page;
            do
            {
                page = await _backend.ListAsync(options.SourcePrefix, state.LastKey, options.PageSize, cancellationToken).ConfigureAwait(false);
                foreach (var source in page.Objects)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (source.Key.StartsWith(tenantArea, StringComparison.Ordinal))
                    {
                        state = state with { LastKey = source.Key };
                        continue;
                    }

                    var target = Classify(source.Key, rules, options.Classify);
                    var (outcome, detail) = target is null
                        ? (MigrationItemOutcome.Unclassified, null)
                        : await TryMigrateAsync(source, target, options.DryRun, cancellationToken).ConfigureAwait(false);

                    state = Count(state, outcome) with { LastKey = source.Key, Scanned = state.Scanned + 1 };
                    if (outcome == MigrationItemOutcome.Failed)
                    {
                        Log.MigrationItemFailed(_logger, options.MigrationId, source.Key, detail!);
                    }

                    // The reported lists are bounded, and copied only when they grow.
                    if (outcome == MigrationItemOutcome.Unclassified && unclassified.Count < options.MaxReportedKeys)
                    {
                        unclassified.Add(source.Key);
                        state = state with { UnclassifiedKeys = unclassified.ToArray() };
                    }
                    else if (outcome == MigrationItemOutcome.Failed && failures.Count < options.MaxReportedKeys)
                    {
                        failures.Add(new MigrationFailure(source.Key, detail!));
                        state = state with { Failures = failures.ToArray() };
                    }
                    if (!options.DryRun && ++sinceSave >= options.CheckpointInterval)
                    {
                        await options.Checkpoints!.SaveAsync(state, cancellationToken).ConfigureAwait(false);
                        sinceSave = 0;
                    }

                    progress?.Report(new MigrationProgress(source.Key, outcome, target, detail, state));
                }
            }
            while (page.IsTruncated);

            state = state with { Completed = true };
            Log.MigrationFinished(_logger, options.MigrationId, state.Scanned, state.Copied, state.AlreadyPresent, state.Unclassified, state.Failed, options.DryRun);
            return state;
        }
        finally
        {
            if (!options.DryRun)
            {
                await options.Checkpoints!.SaveAsync(state, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<(MigrationItemOutcome Outcome, string? Detail)> TryMigrateAsync(ObjectInfo source, MigrationTarget target, bool dryRun, CancellationToken cancellationToken)
    {
        try
        {
            return await MigrateAsync(source, target, dryRun, cancellationToken).ConfigureAwait(false);
        }
        catch (TenancyException ex)
        {
            return (MigrationItemOutcome.Failed, ex.Message);
        }
    }

    private async Task<(MigrationItemOutcome Outcome, string? Detail)> MigrateAsync(ObjectInfo source, MigrationTarget target, bool dryRun, CancellationToken cancellationToken)
    {
        string destination;
        try
        {
            destination = _keyspace.ObjectPath(target.TenantId, target.Key);
        }
        catch (TenancyException ex)
        {
            return (MigrationItemOutcome.Failed, "The classified target is invalid: " + ex.Message);
        }

        var existing = await _backend.HeadAsync(destination, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return Same(source, existing)
                ? (MigrationItemOutcome.AlreadyPresent, null)
                : (MigrationItemOutcome.Failed, $"The tenant already has a different object at '{target.Key}'; it was left as it is.");
        }

        if (dryRun)
        {
            return (MigrationItemOutcome.WouldCopy, null);
        }

        var copy = await _backend.CopyAsync(source.Key, destination, cancellationToken).ConfigureAwait(false);
        if (copy is null)
        {
            return (MigrationItemOutcome.Failed, "The source disappeared before it was copied.");
        }

        if (!Same(source, copy))
        {
            // Leave nothing unverified in the tenant's prefix; the original stays.
            await _backend.DeleteAsync(destination, CancellationToken.None).ConfigureAwait(false);
            return (MigrationItemOutcome.Failed, $"The copy did not verify (size {copy.Size} vs {source.Size}, ETag {copy.ETag} vs {source.ETag}).");
        }

        _metrics.RecordMigrated(target.TenantId);
        return (MigrationItemOutcome.Copied, null);
    }

    // Sizes must match; ETags too, unless one is S3's multipart form ("…-N"), which a copy does not preserve.
    private static bool Same(ObjectInfo source, ObjectInfo copy) =>
        source.Size == copy.Size
        && (string.Equals(source.ETag, copy.ETag, StringComparison.OrdinalIgnoreCase) || source.ETag.Contains('-', StringComparison.Ordinal) || copy.ETag.Contains('-', StringComparison.Ordinal));

    private static MigrationTarget? Classify(string key, KeyValuePair<string, string>[] rules, Func<string, MigrationTarget?>? classify)
    {
        foreach (var (prefix, tenant) in rules)
        {
            if (key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return new MigrationTarget(tenant, key[prefix.Length..]);
            }
        }

        return classify?.Invoke(key);
    }

    private static MigrationCheckpoint Count(MigrationCheckpoint state, MigrationItemOutcome outcome) => outcome switch
    {
        MigrationItemOutcome.Copied => state with { Copied = state.Copied + 1 },
        MigrationItemOutcome.WouldCopy => state with { WouldCopy = state.WouldCopy + 1 },
        MigrationItemOutcome.AlreadyPresent => state with { AlreadyPresent = state.AlreadyPresent + 1 },
        MigrationItemOutcome.Unclassified => state with { Unclassified = state.Unclassified + 1 },
        _ => state with { Failed = state.Failed + 1 },
    };

    private void Validate(StorageMigrationOptions options)
    {
        if (!TenantId.IsValid(options.MigrationId))
        {
            throw new ArgumentException("A migration id is 1 to 64 ASCII letters, digits, '-' or '_'.", nameof(options));
        }

        if (!options.DryRun && options.Checkpoints is null)
        {
            throw new ArgumentException("A migration that copies needs a checkpoint store (StorageMigrationOptions.Checkpoints).", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.PageSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.PageSize, 1000, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CheckpointInterval, 1, nameof(options));
        if (_keyspace.RootPrefix.Length == 0)
        {
            throw new InvalidOperationException("Migration needs a non-empty RootPrefix, so that tenant folders cannot be confused with pre-tenancy keys.");
        }

        if (ObjectKey.CheckPrefix(options.SourcePrefix) is var error and not ObjectKeyError.None)
        {
            throw new InvalidObjectKeyException(options.SourcePrefix, error);
        }

        if (options.SourcePrefix.StartsWith(_keyspace.RootPrefix + "/", StringComparison.Ordinal) || options.SourcePrefix.StartsWith(".tenancy", StringComparison.Ordinal))
        {
            throw new ArgumentException("The source prefix is inside the tenant root (or the store's own folder).", nameof(options));
        }
    }
}

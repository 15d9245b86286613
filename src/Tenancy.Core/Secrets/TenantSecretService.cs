using Tenancy.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tenancy.Sso;

namespace Tenancy.Secrets;

/// <summary>
/// Tenant secrets (client secrets, webhook signing secrets, SCIM/OAuth credentials): encrypted before they reach the store,
/// decrypted only for the tenant and kind they were stored for, rotatable, deleted with the tenant. Values are never logged;
/// APIs built on this service return <see cref="TenantSecretInfo"/> after creation, never the value.
/// </summary>
public sealed class TenantSecretService
{
    private const int MaxValueLength = 8192;

    private readonly ITenantSecretStore _store;
    private readonly ITenantSecretProtector _protector;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    /// <param name="store">Keeps the encrypted values.</param>
    /// <param name="protector">Encrypts them.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public TenantSecretService(ITenantSecretStore store, ITenantSecretProtector protector, TimeProvider? time = null, ILogger<TenantSecretService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(protector);
        _store = store;
        _protector = protector;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<TenantSecretService>.Instance;
    }

    /// <summary>Stores a secret, or rotates it (the new value replaces the old one and the version goes up by one).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="name">The name: 1 to 100 letters, digits, '-', '_' or '.'.</param>
    /// <param name="value">The value (at most 8192 characters).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The metadata of the stored version (never the value).</returns>
    public async Task<TenantSecretInfo> SetAsync(string tenantId, TenantSecretKind kind, string name, string value, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        ValidateName(name);
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (value.Length > MaxValueLength || !Enum.IsDefined(kind))
        {
            throw new ArgumentException($"A secret value has at most {MaxValueLength} characters and a known kind.", nameof(value));
        }

        var previous = await _store.FindAsync(tenantId, kind, name, cancellationToken).ConfigureAwait(false);
        var plain = Encoding.UTF8.GetBytes(value);
        byte[] protectedValue;
        try
        {
            protectedValue = _protector.Protect(tenantId, kind, plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }

        var info = new TenantSecretInfo(tenantId, kind, name, (previous?.Info.Version ?? 0) + 1, _time.GetUtcNow());
        await _store.SaveAsync(new StoredTenantSecret(info, protectedValue), cancellationToken).ConfigureAwait(false);
        Log.SecretStored(_logger, kind.ToString(), name, tenantId, info.Version);
        return info;
    }

    /// <summary>Reads a secret's value, for the code that uses it (never return it from an API).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="name">The name.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The value, or <see langword="null"/> when there is none.</returns>
    /// <exception cref="CryptographicException">The stored value does not decrypt for this tenant and kind (tampered, or the keys are not shared).</exception>
    public async Task<string?> GetAsync(string tenantId, TenantSecretKind kind, string name, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        ValidateName(name);
        if (await _store.FindAsync(tenantId, kind, name, cancellationToken).ConfigureAwait(false) is not { } stored
            || stored.Info.TenantId != tenantId || stored.Info.Kind != kind)
        {
            return null;
        }

        var plain = _protector.Unprotect(tenantId, kind, stored.ProtectedValue);
        try
        {
            return Encoding.UTF8.GetString(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>Lists a tenant's secrets (metadata only).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The secrets.</returns>
    public Task<IReadOnlyList<TenantSecretInfo>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        return _store.ListAsync(tenantId, cancellationToken);
    }

    /// <summary>Deletes a secret.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="name">The name.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>Whether it existed.</returns>
    public Task<bool> DeleteAsync(string tenantId, TenantSecretKind kind, string name, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        ValidateName(name);
        return _store.DeleteAsync(tenantId, kind, name, cancellationToken);
    }

    /// <summary>Deletes every secret of a tenant (the offboarding step calls it).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>The number deleted.</returns>
    public async Task<int> DeleteAllAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        var count = await _store.DeleteAllAsync(tenantId, cancellationToken).ConfigureAwait(false);
        Log.SecretsDeleted(_logger, count, tenantId);
        return count;
    }

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 100 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException("A secret name has 1 to 100 letters, digits, '-', '_' or '.'.", nameof(name));
        }
    }
}

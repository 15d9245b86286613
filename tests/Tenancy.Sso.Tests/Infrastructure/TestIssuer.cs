using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Tenancy.Sso.Tests.Infrastructure;

/// <summary>One issuer of the test provider: its keys (RSA and EC, rotatable), its client and what it has served.</summary>
public sealed class TestIssuer
{
    private readonly List<(SecurityKey Key, string Algorithm)> _keys = [];
    private readonly object _lock = new();
    private int _jwksFetches;

    public TestIssuer(string name, string baseAddress, string? metadataIssuer = null)
    {
        Name = name;
        MetadataIssuer = metadataIssuer ?? $"{baseAddress}/{name}";
        MetadataAddress = $"{baseAddress}/{name}/.well-known/openid-configuration";
        Endpoint = $"{baseAddress}/{name}";
        AddRsaKey();
        AddEcKey();
    }

    public string Name { get; }

    /// <summary>The issuer the discovery document names (may carry {tenantid}).</summary>
    public string MetadataIssuer { get; }

    /// <summary>The issuer tokens carry (no placeholder) unless a test says otherwise.</summary>
    public string Issuer => MetadataIssuer;

    public string MetadataAddress { get; }

    public string Endpoint { get; }

    public string ClientId { get; set; } = "app";

    public string ClientSecret { get; set; } = "s3cret-" + Guid.NewGuid().ToString("N");

    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    /// <summary>The person the authorize endpoint signs in next.</summary>
    public TestUser User { get; set; } = new("user-1", "alice@example.com", true, "Alice");

    /// <summary>When set, the token endpoint answers with this id token (a mixed-up or malicious provider).</summary>
    public Func<TestPendingCode, string>? IdTokenOverride { get; set; }

    public ConcurrentDictionary<string, TestPendingCode> Codes { get; } = new(StringComparer.Ordinal);

    public (SecurityKey Key, string Algorithm) CurrentRsa { get { lock (_lock) { return _keys.Last(k => k.Algorithm == SecurityAlgorithms.RsaSha256); } } }

    public (SecurityKey Key, string Algorithm) CurrentEc { get { lock (_lock) { return _keys.Last(k => k.Algorithm == SecurityAlgorithms.EcdsaSha256); } } }

    public (SecurityKey Key, string Algorithm) AddRsaKey()
    {
        var key = (new RsaSecurityKey(RSA.Create(2048)) { KeyId = Name + "-rsa-" + Guid.NewGuid().ToString("N")[..8] }, SecurityAlgorithms.RsaSha256);
        lock (_lock)
        {
            _keys.Add(key);
        }

        return key;
    }

    public (SecurityKey Key, string Algorithm) AddEcKey()
    {
        var key = (new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = Name + "-ec-" + Guid.NewGuid().ToString("N")[..8] }, SecurityAlgorithms.EcdsaSha256);
        lock (_lock)
        {
            _keys.Add(key);
        }

        return key;
    }

    /// <summary>Rotates: a new RSA key is published and the oldest RSA key is withdrawn.</summary>
    public (SecurityKey Key, string Algorithm) RotateRsa()
    {
        var added = AddRsaKey();
        lock (_lock)
        {
            _keys.Remove(_keys.First(k => k.Algorithm == SecurityAlgorithms.RsaSha256));
        }

        return added;
    }

    public IReadOnlyList<JsonWebKey> PublicJwks()
    {
        Interlocked.Increment(ref _jwksFetches);
        lock (_lock)
        {
            return [.. _keys.Select(k => k.Key switch
            {
                RsaSecurityKey rsa => JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.Rsa.ExportParameters(false)) { KeyId = rsa.KeyId }),
                ECDsaSecurityKey ec => JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ec.ECDsa.ExportParameters(false))) { KeyId = ec.KeyId }),
                _ => throw new InvalidOperationException(),
            })];
        }
    }
}

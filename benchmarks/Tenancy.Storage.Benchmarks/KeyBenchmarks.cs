using BenchmarkDotNet.Attributes;
using Tenancy.Storage.Keys;

namespace Tenancy.Storage.Benchmarks;

/// <summary>Key validation and tenant prefixing: the work every store call does before any I/O.</summary>
[MemoryDiagnoser]
public class KeyBenchmarks
{
    private readonly TenantKeyspace _keyspace = new("tenants", ObjectKey.MaxUtf8Bytes);
    private readonly string _key = "invoices/2026/11/INV-000123-acme-corp.pdf";
    private readonly string _unicodeKey = "Berichte/2026/Übersicht-März-文件.pdf";
    private readonly string _traversal = "invoices/2026/%2e%2e/%2e%2e/globex/secret.pdf";
    private readonly string _encodedUnicode = "Berichte/2026/%C3%9Cbersicht-M%C3%A4rz-%E6%96%87%E4%BB%B6.pdf";
    private readonly string _bidiSpoof = "invoices/2026/INV-000123-acme-corp\u202Efdp.exe";

    [Benchmark(Baseline = true)]
    public ObjectKeyError Validate_ascii_key() => ObjectKey.Check(_key);

    [Benchmark]
    public ObjectKeyError Validate_unicode_key() => ObjectKey.Check(_unicodeKey);

    [Benchmark]
    public ObjectKeyError Reject_encoded_traversal() => ObjectKey.Check(_traversal);

    [Benchmark]
    public ObjectKeyError Validate_percent_encoded_utf8_key() => ObjectKey.Check(_encodedUnicode);

    [Benchmark]
    public ObjectKeyError Reject_bidi_override() => ObjectKey.Check(_bidiSpoof);

    [Benchmark]
    public string Validate_and_prefix() => _keyspace.ObjectPath("acme", _key);

    [Benchmark]
    public string Validate_and_prefix_mixed_case_tenant() => _keyspace.ObjectPath("T-Acme", _key);
}

namespace Tenancy.AspNetCore.Idempotency;

/// <summary>What is stored under an idempotency key: the request fingerprint and, once finished, the response.</summary>
internal sealed class IdempotencyRecord
{
    public string Fingerprint { get; set; } = string.Empty;

    public bool Completed { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int Status { get; set; }

    public List<string[]> Headers { get; set; } = [];

    public byte[]? Body { get; set; }

    public bool BodyOmitted { get; set; }
}

namespace Tenancy.AspNetCore.Sso;

/// <summary>One provider's cached metadata.</summary>
internal sealed class OidcMetadata(string address)
{
    public string Address { get; } = address;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public DateTimeOffset LastAttempt { get; set; }

    public DateTimeOffset LastUnknownKeyRefresh { get; set; }

    public volatile OidcMetadataSnapshot? Current;
}

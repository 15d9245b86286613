using System.Buffers;
using System.Text.Json;

namespace Tenancy.Events;

/// <summary>
/// The wire format backplanes use to carry a <see cref="TenantChange"/> between instances: a small JSON object with the
/// sending instance, the kind, the tenant id and the identifiers and domains the change touched (never the tenant's
/// name, plan or properties). For backplane implementations; applications do not need it.
/// </summary>
public static class TenantChangeCodec
{
    /// <summary>Encodes a change made in this process as sent by instance <paramref name="origin"/>.</summary>
    /// <param name="change">The change.</param>
    /// <param name="origin">The sending instance's id.</param>
    /// <returns>The UTF-8 JSON payload.</returns>
    public static byte[] Encode(TenantChange change, string origin)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrEmpty(origin);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", 1);
            json.WriteString("o", origin);
            json.WriteNumber("k", (int)change.Kind);
            json.WriteString("t", change.TenantId);
            json.WriteStartArray("x");
            if (change.Kind != TenantChangeKind.Reset)
            {
                foreach (var key in change.AllKeys())
                {
                    json.WriteStringValue(key);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a payload into a change whose <see cref="TenantChange.Origin"/> is the sender.</summary>
    /// <param name="payload">The UTF-8 JSON payload.</param>
    /// <param name="change">The change, or <see langword="null"/> when the payload is not a valid message.</param>
    /// <returns>Whether the payload was a valid message.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out TenantChange? change)
    {
        change = null;
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 1
                || !root.TryGetProperty("o", out var origin) || origin.GetString() is not { Length: > 0 } originId
                || !root.TryGetProperty("k", out var kindValue) || kindValue.ValueKind != JsonValueKind.Number
                || !root.TryGetProperty("t", out var tenant) || tenant.GetString() is not { } tenantId)
            {
                return false;
            }

            var kind = (TenantChangeKind)kindValue.GetInt32();
            if (!Enum.IsDefined(kind) || (kind != TenantChangeKind.Reset && !TenantId.IsValid(tenantId)))
            {
                return false;
            }

            var keys = new List<string>();
            if (root.TryGetProperty("x", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in array.EnumerateArray())
                {
                    if (item.GetString() is { Length: > 0 } key)
                    {
                        keys.Add(key);
                    }
                }
            }

            change = kind == TenantChangeKind.Reset
                ? TenantChange.Reset(originId)
                : new TenantChange(kind, tenantId, null, null) { Origin = originId, Keys = keys };
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }
}

using System.Text.Json.Serialization;
using Tenancy.Sso;

namespace Tenancy.Redis.Sso;

/// <summary>Source-generated JSON for the pending sign-ins kept in Redis.</summary>
[JsonSerializable(typeof(TenantSignInState))]
internal sealed partial class RedisSsoJsonContext : JsonSerializerContext;

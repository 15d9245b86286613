using System.Collections.Frozen;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Tenancy.AspNetCore.Sso;

/// <summary>A fetched discovery document and its signing keys (immutable).</summary>
internal sealed record OidcMetadataSnapshot(OpenIdConnectConfiguration Configuration, IReadOnlyList<SecurityKey> Keys, FrozenSet<string> KeyIds, DateTimeOffset FetchedAt);

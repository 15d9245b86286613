using System.Text.Json.Nodes;
using Tenancy.Scim.Resources;

namespace Tenancy.Scim.Patch;

/// <summary>What a PATCH request amounts to: the new document, the membership changes and a summary for the log.</summary>
internal sealed record ScimPatchResult(JsonObject Document, IReadOnlyList<ScimMemberChange> MemberChanges, bool PasswordChanged, string Summary);

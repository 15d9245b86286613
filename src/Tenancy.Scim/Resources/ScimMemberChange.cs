using Tenancy.Scim.Filters;

namespace Tenancy.Scim.Resources;

/// <summary>
/// One change to a group's membership, applied by the store row by row (adding or removing one member of a large group
/// touches that member's row only).
/// </summary>
/// <param name="Kind">What the change does.</param>
/// <param name="MemberIds">The members it names (for <see cref="ScimMemberChangeKind.Add"/>, <see cref="ScimMemberChangeKind.Remove"/>, <see cref="ScimMemberChangeKind.Replace"/>).</param>
/// <param name="Filter">The filter over <c>value</c>/<c>type</c> (for <see cref="ScimMemberChangeKind.RemoveWhere"/>).</param>
public sealed record ScimMemberChange(ScimMemberChangeKind Kind, IReadOnlyList<string> MemberIds, ScimFilter? Filter = null);

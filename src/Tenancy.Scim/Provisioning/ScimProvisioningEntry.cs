namespace Tenancy.Scim.Provisioning;

/// <summary>One entry of a tenant's provisioning log: the request in short, its outcome and its error.</summary>
/// <param name="Timestamp">When the request was answered (UTC).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Resource">The resource path below the SCIM base (e.g. <c>Users</c>, <c>Groups/{id}</c>).</param>
/// <param name="ResourceId">The user or group id, when known.</param>
/// <param name="Summary">What was asked (operations and paths, filter), without values that could be secrets.</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="ScimType">The SCIM error type, if any.</param>
/// <param name="Error">The error detail, if any.</param>
public sealed record ScimProvisioningEntry(DateTime Timestamp, string Method, string Resource, string? ResourceId, string Summary, int Status, string? ScimType, string? Error);

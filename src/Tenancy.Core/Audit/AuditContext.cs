namespace Tenancy.Audit;

/// <summary>Who is calling and from where, as an <see cref="IAuditContextAccessor"/> sees the current request.</summary>
/// <param name="ActorKind">The actor kind.</param>
/// <param name="ActorId">The actor id.</param>
/// <param name="RequestId">The request id.</param>
/// <param name="SourceIp">The source IP address.</param>
public sealed record AuditContext(AuditActorKind ActorKind, string? ActorId, string? RequestId, string? SourceIp);

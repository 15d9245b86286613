namespace Tenancy.Audit;

/// <summary>
/// Something to record: <c>await audit.WriteAsync(new AuditEvent("invoice.sent", target: "inv_42"));</c>. Actor, request id
/// and source IP left empty are filled in from the current request (<see cref="IAuditContextAccessor"/>) or the system.
/// </summary>
public sealed record AuditEvent
{
    /// <summary>Creates an event.</summary>
    /// <param name="action">What happened, as a dotted name (<c>apikey.created</c>); 1 to 100 characters.</param>
    /// <param name="target">What it happened to, or <see langword="null"/>.</param>
    /// <param name="outcome">How it ended.</param>
    public AuditEvent(string action, string? target = null, AuditOutcome outcome = AuditOutcome.Success)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        if (action.Length > 100)
        {
            throw new ArgumentException("An audit action is at most 100 characters.", nameof(action));
        }

        if (target is { Length: > 400 })
        {
            throw new ArgumentException("An audit target is at most 400 characters.", nameof(target));
        }

        Action = action;
        Target = target;
        Outcome = Enum.IsDefined(outcome) ? outcome : throw new ArgumentOutOfRangeException(nameof(outcome));
    }

    /// <summary>What happened.</summary>
    public string Action { get; }

    /// <summary>What it happened to.</summary>
    public string? Target { get; }

    /// <summary>How it ended.</summary>
    public AuditOutcome Outcome { get; }

    /// <summary>Who did it; <see langword="null"/> to take it from the current request (or <see cref="AuditActorKind.System"/>).</summary>
    public AuditActorKind? ActorKind { get; init; }

    /// <summary>The actor's id (user id, key id, client id); <see langword="null"/> to take it from the current request.</summary>
    public string? ActorId { get; init; }

    /// <summary>The request id; <see langword="null"/> to take it from the current request.</summary>
    public string? RequestId { get; init; }

    /// <summary>The source IP address; <see langword="null"/> to take it from the current request.</summary>
    public string? SourceIp { get; init; }

    /// <summary>Free text (at most 2,000 characters); never put secrets here.</summary>
    public string? Details { get; init; }
}

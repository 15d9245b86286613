namespace Tenancy.Audit;

/// <summary>How a recorded action ended.</summary>
public enum AuditOutcome
{
    /// <summary>It succeeded.</summary>
    Success = 0,

    /// <summary>It failed.</summary>
    Failure = 1,

    /// <summary>It was refused (authorization, validation).</summary>
    Denied = 2,
}

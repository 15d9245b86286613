namespace Tenancy.Scim.Errors;

/// <summary>
/// A SCIM error (RFC 7644 §3.12): the HTTP status, the optional <c>scimType</c> and a human-readable detail. The HTTP
/// endpoints answer it as an <c>urn:ietf:params:scim:api:messages:2.0:Error</c> body.
/// </summary>
public sealed class ScimException : Exception
{
    /// <summary>Creates a 400 error with the default message.</summary>
    public ScimException()
        : this(400, ScimErrorType.InvalidSyntax, "The request is invalid.")
    {
    }

    /// <summary>Creates a 400 error.</summary>
    /// <param name="message">The detail.</param>
    public ScimException(string message)
        : this(400, ScimErrorType.InvalidSyntax, message)
    {
    }

    /// <summary>Creates a 400 error with a cause.</summary>
    /// <param name="message">The detail.</param>
    /// <param name="innerException">The cause.</param>
    public ScimException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 400;
        ScimType = ScimErrorType.InvalidSyntax;
    }

    /// <summary>Creates an error.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="scimType">The <c>scimType</c> (see <see cref="ScimErrorType"/>), or <see langword="null"/>.</param>
    /// <param name="detail">The detail, safe to show the client.</param>
    public ScimException(int status, string? scimType, string detail)
        : base(detail)
    {
        Status = status;
        ScimType = scimType;
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The <c>scimType</c>, or <see langword="null"/>.</summary>
    public string? ScimType { get; }

    internal static ScimException BadRequest(string scimType, string detail) => new(400, scimType, detail);

    internal static ScimException NotFound(string detail) => new(404, null, detail);

    internal static ScimException Conflict(string detail) => new(409, ScimErrorType.Uniqueness, detail);

    internal static ScimException PreconditionFailed() => new(412, null, "The resource has changed since the version given in If-Match.");
}

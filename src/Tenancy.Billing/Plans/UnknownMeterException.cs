namespace Tenancy.Billing.Plans;

/// <summary>Code names a meter the plan catalogue does not define.</summary>
public sealed class UnknownMeterException : TenancyException
{
    /// <summary>Creates the exception.</summary>
    public UnknownMeterException()
        : base("The meter is not in the plan catalogue.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public UnknownMeterException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnknownMeterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The meter name that was asked for.</summary>
    public string? Meter { get; private init; }

    internal static UnknownMeterException For(string meter) =>
        new($"The meter '{meter}' is not defined in the plan catalogue (Billing:Plans:Meters).") { Meter = meter };
}

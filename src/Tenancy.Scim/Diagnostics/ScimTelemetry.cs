using System.Diagnostics;

namespace Tenancy.Scim.Diagnostics;

/// <summary>The names of Tenancy.Scim's telemetry: the <see cref="ActivitySource"/> and <c>Meter</c> are both named <see cref="Name"/>.</summary>
public static class ScimTelemetry
{
    /// <summary>The activity source and meter name.</summary>
    public const string Name = "Tenancy.Scim";

    /// <summary>The counter of SCIM requests, tagged <c>tenancy.tenant.id</c>, <c>http.request.method</c>, <c>tenancy.scim.resource</c>, <c>http.response.status_code</c> and <c>error.type</c>.</summary>
    public const string RequestsCounter = "tenancy.scim.requests";

    /// <summary>The counter of refused SCIM credentials, tagged <c>error.type</c>.</summary>
    public const string AuthenticationFailuresCounter = "tenancy.scim.authentication_failures";

    internal static readonly ActivitySource Source = new(Name);
}

namespace Tenancy.Scim.Events;

/// <summary>
/// Receives provisioning events so the host can keep its own member table. Register any number with
/// <c>services.AddSingleton&lt;IScimEventSink, MySink&gt;()</c> (or scoped). Called after the change is committed, with
/// the tenant current; a sink that throws is logged and does not fail the SCIM request.
/// </summary>
public interface IScimEventSink
{
    /// <summary>Handles one event.</summary>
    /// <param name="scimEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when handled.</returns>
    Task OnEventAsync(ScimEvent scimEvent, CancellationToken cancellationToken);
}

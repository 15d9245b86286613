using System.Text.Json.Nodes;
using Tenancy.Scim.Events;
using Tenancy.Scim.Filters;
using Tenancy.Scim.Resources;
using Tenancy.Scim.Schema;
using Tenancy.Scim.Stores;

namespace Tenancy.Scim.Provisioning;

/// <summary>Upserts sign-in users through the same store and events as SCIM.</summary>
internal sealed class ScimJitProvisioner(IScimStore store, ScimEventDispatcher events, ICurrentTenant currentTenant) : IScimJitProvisioner
{
    public async Task<(string Id, bool Created)> UpsertAsync(ScimJitUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.UserName);
        var tenantId = currentTenant.GetRequiredTenant().Id;

        ScimResource? existing = null;
        if (!string.IsNullOrWhiteSpace(user.ExternalId))
        {
            existing = await FindAsync("externalId", user.ExternalId, cancellationToken).ConfigureAwait(false);
        }

        existing ??= await FindAsync("userName", user.UserName, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            var document = Apply(new JsonObject { ["userName"] = user.UserName, ["active"] = true }, user);
            ScimDocument.RequireValues(document, ScimSchemas.UserResourceType);
            var created = await store.CreateAsync(ScimResourceKind.User, document, [], cancellationToken).ConfigureAwait(false);
            await events.RaiseAsync(new ScimEvent(ScimEventKind.UserCreated, tenantId, created.Id, created.Attributes), cancellationToken).ConfigureAwait(false);
            return (created.Id, true);
        }

        var updatedDocument = Apply((JsonObject)existing.Attributes.DeepClone(), user);
        if (!JsonNode.DeepEquals(updatedDocument, existing.Attributes))
        {
            var updated = await store.UpdateAsync(ScimResourceKind.User, existing.Id, updatedDocument, [], existing.Version, cancellationToken).ConfigureAwait(false);
            await events.RaiseAsync(new ScimEvent(ScimEventKind.UserUpdated, tenantId, updated.Id, updated.Attributes), cancellationToken).ConfigureAwait(false);
        }

        return (existing.Id, false);
    }

    private async Task<ScimResource?> FindAsync(string attribute, string value, CancellationToken cancellationToken)
    {
        var filter = new ScimComparisonFilter(new ScimAttributePath(null, attribute, null), ScimComparisonOperator.Equal, value);
        var page = await store.QueryAsync(ScimResourceKind.User, new ScimQuery { Filter = filter, Count = 1 }, cancellationToken).ConfigureAwait(false);
        return page.Resources.Count > 0 ? page.Resources[0] : null;
    }

    private static JsonObject Apply(JsonObject document, ScimJitUser user)
    {
        if (!string.IsNullOrWhiteSpace(user.ExternalId) && document["externalId"] is null)
        {
            document["externalId"] = user.ExternalId;
        }

        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            document["displayName"] = user.DisplayName;
        }

        if (!string.IsNullOrWhiteSpace(user.GivenName) || !string.IsNullOrWhiteSpace(user.FamilyName))
        {
            if (document["name"] is not JsonObject name)
            {
                name = new JsonObject();
                document["name"] = name;
            }

            if (!string.IsNullOrWhiteSpace(user.GivenName))
            {
                name["givenName"] = user.GivenName;
            }

            if (!string.IsNullOrWhiteSpace(user.FamilyName))
            {
                name["familyName"] = user.FamilyName;
            }
        }

        if (!string.IsNullOrWhiteSpace(user.Email))
        {
            if (document["emails"] is not JsonArray emails)
            {
                emails = [];
                document["emails"] = emails;
            }

            var known = emails.OfType<JsonObject>().Any(e => string.Equals(e["value"]?.GetValue<string>(), user.Email, StringComparison.OrdinalIgnoreCase));
            if (!known)
            {
                emails.Add(new JsonObject { ["value"] = user.Email, ["type"] = "work", ["primary"] = emails.Count == 0 });
            }
        }

        return document;
    }
}

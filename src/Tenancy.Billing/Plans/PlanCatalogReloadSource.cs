using Microsoft.Extensions.Configuration;

namespace Tenancy.Billing.Plans;

/// <summary>The configuration section the catalogue was bound to, whose reloads rebuild the catalogue.</summary>
/// <param name="Section">The section.</param>
internal sealed record PlanCatalogReloadSource(IConfiguration Section);

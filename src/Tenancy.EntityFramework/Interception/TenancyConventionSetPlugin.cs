using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;

namespace Tenancy.EntityFramework.Interception;

/// <summary>
/// Adds <see cref="TenancyModelConvention"/> to every model built for options that carry <c>UseTenancy()</c>, whatever
/// the context's base class and whether or not it overrides <c>ConfigureConventions</c> or <c>OnModelCreating</c>.
/// </summary>
internal sealed class TenancyConventionSetPlugin(ICurrentDbContext currentContext) : IConventionSetPlugin
{
    public ConventionSet ModifyConventions(ConventionSet conventionSet)
    {
        conventionSet.Add(new TenancyModelConvention(currentContext.Context));
        return conventionSet;
    }
}

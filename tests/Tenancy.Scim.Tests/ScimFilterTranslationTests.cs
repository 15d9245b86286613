using Microsoft.EntityFrameworkCore;
using Tenancy.Scim.EntityFramework;
using Tenancy.Scim.Filters;
using Tenancy.Scim.Tests.Infrastructure;

namespace Tenancy.Scim.Tests;

/// <summary>Filters become one SQL query over indexed columns with parameters — never an in-memory scan.</summary>
public sealed class ScimFilterTranslationTests
{
    [Fact]
    public async Task UserName_eq_is_a_parameterised_comparison_of_the_indexed_column_under_the_tenant_filter()
    {
        await using var database = await TestDatabase.CreateAsync(Backend.Sqlite);
        await using var db = database.CreateContext();
        using var scope = AmbientCurrentTenant.Instance.Begin(Tenants.Acme);
        var translator = new ScimFilterTranslator(db.Set<ScimGroupMemberRecord>());

        var sql = db.Set<ScimUserRecord>().Where(translator.ForUsers(ScimFilterParser.Parse("userName eq \"Alice@Example.com\""))).ToQueryString();

        sql.Should().Contain("\"s\".\"UserNameKey\" = @").And.Contain("\"s\".\"TenantId\" = @").And.Contain("'ALICE@EXAMPLE.COM'");
        sql.Should().NotContain("= 'ALICE@EXAMPLE.COM'", "values are parameters, one plan for all");
    }

    [Fact]
    public async Task Membership_filters_are_exists_subqueries_over_the_membership_rows()
    {
        await using var database = await TestDatabase.CreateAsync(Backend.Sqlite);
        await using var db = database.CreateContext();
        using var scope = AmbientCurrentTenant.Instance.Begin(Tenants.Acme);
        var translator = new ScimFilterTranslator(db.Set<ScimGroupMemberRecord>());

        var sql = db.Set<ScimGroupRecord>().Where(translator.ForGroups(ScimFilterParser.Parse("members[value eq \"u1\" and type eq \"User\"] or displayName sw \"Adm\""))).ToQueryString();

        sql.Should().Contain("EXISTS").And.Contain("\"MemberId\" = @").And.Contain("\"DisplayNameKey\" LIKE");
    }
}

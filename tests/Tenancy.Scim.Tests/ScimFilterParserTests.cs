using Tenancy.Scim.Errors;
using Tenancy.Scim.Filters;

namespace Tenancy.Scim.Tests;

public sealed class ScimFilterParserTests
{
    [Theory]
    [InlineData("userName eq \"bjensen\"", "userName eq \"bjensen\"")]
    [InlineData("USERNAME EQ \"bjensen\"", "USERNAME eq \"bjensen\"")]
    [InlineData("name.familyName co \"O'Malley\"", "name.familyName co \"O'Malley\"")]
    [InlineData("title pr", "title pr")]
    [InlineData("a eq 1 or b eq 2 and c eq 3", "(a eq 1 or (b eq 2 and c eq 3))")]
    [InlineData("(a eq 1 or b eq 2) and c eq 3", "((a eq 1 or b eq 2) and c eq 3)")]
    [InlineData("not (a eq true) and b pr", "(not (a eq true) and b pr)")]
    [InlineData("a eq null", "a eq null")]
    [InlineData("meta.lastModified gt \"2011-05-13T04:42:34Z\"", "meta.lastModified gt \"2011-05-13T04:42:34Z\"")]
    [InlineData("emails[type eq \"work\" and value co \"@example.com\"]", "emails[(type eq \"work\" and value co \"@example.com\")]")]
    [InlineData("userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
        "((userType eq \"Employee\" and emails[(type eq \"work\" and value co \"@example.com\")]) or ims[(type eq \"xmpp\" and value co \"@foo.com\")])")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"")]
    [InlineData("x eq \"a\\\"b\\\\c\\u0041\"", "x eq \"a\\\"b\\\\cA\"")]
    [InlineData("n ge -1.5e2", "n ge -150")]
    [InlineData("members[value eq \"2819c223\"]", "members[value eq \"2819c223\"]")]
    public void Valid_filters_parse_with_scim_precedence(string filter, string expected)
    {
        ScimFilterParser.Parse(filter).ToString().Should().Be(expected);
    }

    [Fact]
    public void Urn_qualified_names_split_schema_attribute_and_sub_attribute()
    {
        var filter = (ScimComparisonFilter)ScimFilterParser.Parse("urn:ietf:params:scim:schemas:core:2.0:User:name.familyName sw \"J\"");

        filter.Path.SchemaUrn.Should().Be("urn:ietf:params:scim:schemas:core:2.0:User");
        filter.Path.Name.Should().Be("name");
        filter.Path.SubAttribute.Should().Be("familyName");
        filter.Operator.Should().Be(ScimComparisonOperator.StartsWith);
    }

    [Theory]
    [InlineData("emails[type eq \"work\"].value", "emails", "value")]
    [InlineData("members[value eq \"2819c223-7f76-453a-919d-413861904646\"]", "members", null)]
    [InlineData("name.givenName", "name", "givenName")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "manager", null)]
    public void Patch_paths_parse(string path, string attribute, string? sub)
    {
        var parsed = ScimFilterParser.ParsePatchPath(path);

        parsed.Attribute.Name.Should().Be(attribute);
        parsed.SubAttribute.Should().Be(sub);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("userName")]
    [InlineData("userName eq")]
    [InlineData("userName eq bjensen")]
    [InlineData("userName xx \"a\"")]
    [InlineData("userName eq \"a")]
    [InlineData("userName eq \"a\\q\"")]
    [InlineData("(userName eq \"a\"")]
    [InlineData("userName eq \"a\")")]
    [InlineData("userName eq \"a\" and")]
    [InlineData("and userName eq \"a\"")]
    [InlineData("not userName eq \"a\"")]
    [InlineData("emails[type eq \"work\"")]
    [InlineData("emails[type[value eq \"x\"] eq \"work\"]")]
    [InlineData("name.givenName.x eq \"a\"")]
    [InlineData("1abc eq \"a\"")]
    [InlineData("user@name eq \"a\"")]
    [InlineData("urn: eq \"a\"")]
    [InlineData("userName eq \"a\" \"b\"")]
    public void Malformed_filters_are_invalidFilter(string filter)
    {
        var act = () => ScimFilterParser.Parse(filter);

        act.Should().Throw<ScimException>().Which.ScimType.Should().Be(ScimErrorType.InvalidFilter);
    }

    [Fact]
    public void Over_long_and_over_deep_filters_are_refused_without_overflowing_the_stack()
    {
        var deep = new string('(', 10_000) + "a pr" + new string(')', 10_000);
        var nots = string.Concat(Enumerable.Repeat("not (", 5000)) + "a pr" + new string(')', 5000);

        FluentActions.Invoking(() => ScimFilterParser.Parse(deep)).Should().Throw<ScimException>();
        FluentActions.Invoking(() => ScimFilterParser.Parse(nots)).Should().Throw<ScimException>();
        FluentActions.Invoking(() => ScimFilterParser.Parse(new string('(', 40) + "a pr" + new string(')', 40))).Should().Throw<ScimException>().Which.Message.Should().Contain("nests");
    }

    [Fact]
    public void Twenty_clause_filters_parse()
    {
        var clauses = Enumerable.Range(0, 20).Select(i => $"userName eq \"user{i}@example.com\"");

        ScimFilterParser.Parse(string.Join(" or ", clauses)).ToString().Should().Contain("user19@example.com");
    }
}

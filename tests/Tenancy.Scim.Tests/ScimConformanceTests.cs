using System.Net;
using System.Text.Json.Nodes;
using Tenancy.Scim.Tests.Infrastructure;

namespace Tenancy.Scim.Tests;

/// <summary>The protocol over a real host, run against SQLite and against PostgreSQL with row-level security.</summary>
public abstract class ScimConformanceTests(Backend backend) : IAsyncLifetime
{
    private const string LongText = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    protected ScimTestHost Host { get; private set; } = null!;

    protected string Acme => Host.AcmeToken;

    protected string Globex => Host.GlobexToken;

    public async Task InitializeAsync() => Host = await ScimTestHost.StartAsync(backend);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task Discovery_documents_come_from_the_schema_definitions()
    {
        var config = await Host.Get(Acme, "/ServiceProviderConfig");
        config.Status.Should().Be(HttpStatusCode.OK);
        config.ContentType.Should().Be("application/scim+json");
        config.Json["patch"]!["supported"]!.GetValue<bool>().Should().BeTrue();
        config.Json["bulk"]!["supported"]!.GetValue<bool>().Should().BeFalse();
        config.Json["etag"]!["supported"]!.GetValue<bool>().Should().BeTrue();

        var schema = await Host.Get(Acme, "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User");
        schema.Status.Should().Be(HttpStatusCode.OK);
        var userName = schema.Json["attributes"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == "userName")!;
        userName["uniqueness"]!.GetValue<string>().Should().Be("server");
        userName["caseExact"]!.GetValue<bool>().Should().BeFalse();
        userName["required"]!.GetValue<bool>().Should().BeTrue();
        var password = schema.Json["attributes"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == "password")!;
        password["returned"]!.GetValue<string>().Should().Be("never");
        password["mutability"]!.GetValue<string>().Should().Be("writeOnly");

        var types = await Host.Get(Acme, "/ResourceTypes");
        types.TotalResults.Should().Be(2);
        var user = await Host.Get(Acme, "/ResourceTypes/User");
        user.Json["schemaExtensions"]![0]!["schema"]!.GetValue<string>().Should().Be("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        (await Host.Get(Acme, "/Schemas")).TotalResults.Should().Be(3);
        (await Host.Get(Acme, "/Schemas/urn:nope")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Created_user_has_meta_etag_and_location_and_never_returns_the_password()
    {
        var reply = await Host.Post(Acme, "/Users", """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "userName":"Barbara@Example.com","externalId":"ext-1","password":"t1meMa$heen","active":true,
             "name":{"givenName":"Barbara","familyName":"Jensen"},
             "emails":[{"value":"bjensen@example.com","type":"work","primary":true}],
             "phoneNumbers":[{"value":"555-555-8377","type":"work"}],
             "addresses":[{"streetAddress":"100 Universal City Plaza","locality":"Hollywood","type":"work"}],
             "roles":[{"value":"admin"}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984","department":"Tour Operations","manager":{"value":"26118915-6090-4610-87e4-49d8ca9f808d"}}}
            """);

        reply.Status.Should().Be(HttpStatusCode.Created, reply.ToString());
        reply.ContentType.Should().Be("application/scim+json");
        reply.Text.Should().NotContain("t1meMa$heen").And.NotContain("password");
        reply.Headers.Location!.ToString().Should().EndWith("/scim/v2/Users/" + reply.Id);
        reply.ETag.Should().Be("W/\"1\"");
        var meta = reply.Json["meta"]!;
        meta["resourceType"]!.GetValue<string>().Should().Be("User");
        meta["version"]!.GetValue<string>().Should().Be("W/\"1\"");
        meta["location"]!.GetValue<string>().Should().Be(reply.Headers.Location!.ToString());
        reply.Json["schemas"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");

        var read = await Host.Get(Acme, "/Users/" + reply.Id);
        read.Json["userName"]!.GetValue<string>().Should().Be("Barbara@Example.com");
        read.Json["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]!["department"]!.GetValue<string>().Should().Be("Tour Operations");
        read.Json["groups"]!.AsArray().Should().BeEmpty();
        read.Text.Should().NotContain("t1meMa$heen");
    }

    [Fact]
    public async Task UserName_that_differs_only_by_case_is_a_uniqueness_conflict()
    {
        await Host.CreateUserAsync(Acme, "alice@example.com");

        var reply = await Host.Post(Acme, "/Users", """{"userName":"ALICE@example.COM"}""");

        reply.Status.Should().Be(HttpStatusCode.Conflict);
        reply.ScimType.Should().Be("uniqueness");
        reply.Json["status"]!.GetValue<string>().Should().Be("409");
        reply.Json["schemas"]![0]!.GetValue<string>().Should().Be("urn:ietf:params:scim:api:messages:2.0:Error");
        (await Host.Get(Acme, "/Users")).TotalResults.Should().Be(1);
    }

    [Fact]
    public async Task Rename_onto_a_taken_userName_is_a_conflict_by_put_and_by_patch_and_changes_nothing()
    {
        await Host.CreateUserAsync(Acme, "alice@example.com");
        var bob = await Host.CreateUserAsync(Acme, "bob@example.com");

        var put = await Host.Put(Acme, "/Users/" + bob, """{"userName":"Alice@Example.com","displayName":"changed"}""");
        var patch = await Host.Patch(Acme, "/Users/" + bob, """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"changed"},{"op":"replace","path":"userName","value":"ALICE@example.com"}]}
            """);

        put.Status.Should().Be(HttpStatusCode.Conflict);
        patch.Status.Should().Be(HttpStatusCode.Conflict);
        patch.ScimType.Should().Be("uniqueness");
        var stored = await Host.Get(Acme, "/Users/" + bob);
        stored.Json["userName"]!.GetValue<string>().Should().Be("bob@example.com");
        stored.Json["displayName"]!.GetValue<string>().Should().Be("bob@example.com");
        stored.ETag.Should().Be("W/\"1\"");
    }

    [Theory]
    [InlineData("""{"displayName":"no user name"}""", "invalidValue")]
    [InlineData("""{"userName":"   "}""", "invalidValue")]
    [InlineData("""{"userName":42.5e999}""", "invalidValue")]
    [InlineData("""{"userName":"x","active":{"yes":true}}""", "invalidValue")]
    [InlineData("""{"userName":"x","emails":"not-a-list-of-objects"}""", "invalidValue")]
    [InlineData("""{"userName":"x","name":["a"]}""", "invalidValue")]
    [InlineData("""{"userName":"x",}""", "invalidSyntax")]
    [InlineData("""[{"userName":"x"}]""", "invalidSyntax")]
    [InlineData("""{"userName":"x","userName":"y"}""", "invalidSyntax")]
    [InlineData("""{"schemas":"urn:ietf:params:scim:schemas:core:2.0:User","userName":"x"}""", "invalidSyntax")]
    [InlineData("{\"userName\":\"x\",\"externalId\":\"" + LongText + "\"}", "invalidValue")]
    [InlineData("{\"userName\":\"" + LongText + "\"}", "invalidValue")]
    public async Task Invalid_user_bodies_are_400_and_create_nothing(string body, string scimType)
    {
        var reply = await Host.Post(Acme, "/Users", body);

        reply.Status.Should().Be(HttpStatusCode.BadRequest, reply.ToString());
        reply.ContentType.Should().Be("application/scim+json");
        reply.ScimType.Should().Be(scimType);
        (await Host.Get(Acme, "/Users")).TotalResults.Should().Be(0);
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_and_json_media_types_with_charset_are_accepted()
    {
        var big = "{\"userName\":\"" + new string('a', 1024 * 1024 + 10) + "\"}";
        (await Host.Post(Acme, "/Users", big)).Status.Should().Be(HttpStatusCode.RequestEntityTooLarge);

        var json = await Host.SendAsync(Acme, HttpMethod.Post, "/Users", null, r =>
            r.Content = new StringContent("""{"userName":"plain-json"}""", System.Text.Encoding.UTF8, "application/json"));
        json.Status.Should().Be(HttpStatusCode.Created);
        var xml = await Host.SendAsync(Acme, HttpMethod.Post, "/Users", null, r =>
            r.Content = new StringContent("<user/>", System.Text.Encoding.UTF8, "application/xml"));
        xml.Status.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await Host.Get(Acme, "/Users")).TotalResults.Should().Be(1);
    }

    [Fact]
    public async Task Filters_are_answered_by_the_database_with_scim_semantics()
    {
        var alice = await Host.CreateUserAsync(Acme, "alice@example.com", "ext-a");
        var bob = await Host.CreateUserAsync(Acme, "bob@example.com", "ext-b", active: false);
        var carol = await Host.CreateUserAsync(Acme, "carol@other.org", "EXT-C");

        async Task<string[]> Ids(string filter)
        {
            var reply = await Host.Get(Acme, "/Users?filter=" + Uri.EscapeDataString(filter));
            reply.Status.Should().Be(HttpStatusCode.OK, filter + " → " + reply);
            return reply.Resources.Select(r => r!["id"]!.GetValue<string>()).Order().ToArray();
        }

        (await Ids("userName eq \"ALICE@EXAMPLE.COM\"")).Should().Equal(alice);
        (await Ids("USERNAME EQ \"alice@example.com\"")).Should().Equal(alice);
        (await Ids("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"bob@example.com\"")).Should().Equal(bob);
        (await Ids("externalId eq \"ext-c\"")).Should().BeEmpty("externalId is caseExact");
        (await Ids("externalId eq \"EXT-C\"")).Should().Equal(carol);
        (await Ids("userName ew \"@example.com\" and active eq true")).Should().Equal(alice);
        (await Ids("userName sw \"b\" or userName co \"other\"")).Should().BeEquivalentTo([bob, carol]);
        (await Ids("not (userName ew \"@example.com\")")).Should().Equal(carol);
        (await Ids("userName eq \"x\" or userName eq \"alice@example.com\" and active eq false")).Should().BeEmpty("and binds tighter than or");
        (await Ids("(userName eq \"x\" or userName eq \"alice@example.com\") and active eq true")).Should().Equal(alice);
        (await Ids("name.givenName eq \"given carol@other.org\"")).Should().Equal(carol);
        (await Ids("emails.value eq \"BOB@example.com\"")).Should().Equal(bob);
        (await Ids("externalId pr")).Should().HaveCount(3);
        (await Ids("active eq \"False\"")).Should().Equal(bob);
        (await Ids("meta.created gt \"2000-01-01T00:00:00Z\"")).Should().HaveCount(3);
        (await Ids("meta.lastModified lt \"2000-01-01T00:00:00Z\"")).Should().BeEmpty();
        (await Ids("userName gt \"b\" and userName lt \"c\"")).Should().Equal(bob);
        (await Ids("id eq \"" + alice + "\"")).Should().Equal(alice);
    }

    [Theory]
    [InlineData("userName eq")]
    [InlineData("userName equals \"x\"")]
    [InlineData("userName eq x")]
    [InlineData("(userName eq \"x\"")]
    [InlineData("userName eq \"x\" and")]
    [InlineData("emails[type eq \"work\"")]
    [InlineData("title eq \"Tour Guide\"")]
    [InlineData("emails[type eq \"work\" and value co \"@example.com\"]")]
    [InlineData("noSuchAttribute eq \"x\"")]
    [InlineData("active gt true")]
    [InlineData("meta.created gt \"yesterday\"")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq \"x\"")]
    public async Task Malformed_or_unanswerable_filters_are_400_invalidFilter_never_everything(string filter)
    {
        await Host.CreateUserAsync(Acme, "alice@example.com");

        var reply = await Host.Get(Acme, "/Users?filter=" + Uri.EscapeDataString(filter));

        reply.Status.Should().Be(HttpStatusCode.BadRequest, reply.ToString());
        reply.ScimType.Should().Be("invalidFilter");
        reply.Json["detail"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Paging_reports_totals_and_the_items_returned_with_an_empty_page_past_the_end()
    {
        for (var i = 0; i < 5; i++)
        {
            await Host.CreateUserAsync(Acme, $"user{i}@example.com");
        }

        var first = await Host.Get(Acme, "/Users?startIndex=1&count=2");
        first.TotalResults.Should().Be(5);
        first.Json["itemsPerPage"]!.GetValue<int>().Should().Be(2);
        first.Json["startIndex"]!.GetValue<int>().Should().Be(1);
        var last = await Host.Get(Acme, "/Users?startIndex=5&count=2");
        last.TotalResults.Should().Be(5);
        last.Json["itemsPerPage"]!.GetValue<int>().Should().Be(1);
        var past = await Host.Get(Acme, "/Users?startIndex=9&count=2");
        past.TotalResults.Should().Be(5);
        past.Resources.Should().BeEmpty();
        past.Json["itemsPerPage"]!.GetValue<int>().Should().Be(0);
        var countOnly = await Host.Get(Acme, "/Users?count=0");
        countOnly.TotalResults.Should().Be(5);
        countOnly.Resources.Should().BeEmpty();
        var all = new List<string>();
        for (var start = 1; start <= 5; start += 2)
        {
            all.AddRange((await Host.Get(Acme, $"/Users?startIndex={start}&count=2")).Resources.Select(r => r!["id"]!.GetValue<string>()));
        }

        all.Should().OnlyHaveUniqueItems().And.HaveCount(5);
        (await Host.Get(Acme, "/Users?count=abc")).Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Attributes_and_excludedAttributes_shape_every_response()
    {
        var id = await Host.CreateUserAsync(Acme, "alice@example.com");

        var only = await Host.Get(Acme, $"/Users/{id}?attributes=userName,name.familyName");
        only.Json.Select(p => p.Key).Should().BeEquivalentTo(["schemas", "id", "userName", "name"]);
        only.Json["name"]!.AsObject().Select(p => p.Key).Should().Equal("familyName");

        var without = await Host.Get(Acme, $"/Users?filter=userName eq \"alice@example.com\"&excludedAttributes=emails,name.givenName,id");
        var resource = without.Resources[0]!.AsObject();
        resource.ContainsKey("emails").Should().BeFalse();
        resource.ContainsKey("id").Should().BeTrue("id is returned always");
        resource["name"]!.AsObject().ContainsKey("givenName").Should().BeFalse();
        resource["name"]!.AsObject().ContainsKey("familyName").Should().BeTrue();

        var created = await Host.Post(Acme, "/Users?attributes=userName", """{"userName":"bob"}""");
        created.Json.Select(p => p.Key).Should().BeEquivalentTo(["schemas", "id", "userName"]);
    }

    [Fact]
    public async Task ETags_give_304_on_if_none_match_and_412_on_a_stale_if_match_with_nothing_changed()
    {
        var id = await Host.CreateUserAsync(Acme, "alice@example.com");
        var current = await Host.Get(Acme, "/Users/" + id);

        var notModified = await Host.SendAsync(Acme, HttpMethod.Get, "/Users/" + id, null, r => r.Headers.TryAddWithoutValidation("If-None-Match", current.ETag));
        notModified.Status.Should().Be(HttpStatusCode.NotModified);

        var patch = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"v2"}]}""";
        var ok = await Host.SendAsync(Acme, HttpMethod.Patch, "/Users/" + id, patch, r => r.Headers.TryAddWithoutValidation("If-Match", current.ETag));
        ok.Status.Should().Be(HttpStatusCode.OK);
        ok.ETag.Should().Be("W/\"2\"");

        var stale = await Host.SendAsync(Acme, HttpMethod.Put, "/Users/" + id, """{"userName":"alice@example.com","displayName":"v3"}""", r => r.Headers.TryAddWithoutValidation("If-Match", current.ETag));
        stale.Status.Should().Be(HttpStatusCode.PreconditionFailed);
        var staleDelete = await Host.SendAsync(Acme, HttpMethod.Delete, "/Users/" + id, null, r => r.Headers.TryAddWithoutValidation("If-Match", current.ETag));
        staleDelete.Status.Should().Be(HttpStatusCode.PreconditionFailed);
        var after = await Host.Get(Acme, "/Users/" + id);
        after.Json["displayName"]!.GetValue<string>().Should().Be("v2");
        after.Json["meta"]!["version"]!.GetValue<string>().Should().Be("W/\"2\"");
    }

    [Fact]
    public async Task Entra_user_patch_shapes_are_applied_literally()
    {
        var id = await Host.CreateUserAsync(Acme, "entra@contoso.com", "entra-ext");
        var manager = await Host.CreateUserAsync(Acme, "boss@contoso.com");
        await Host.Patch(Acme, "/Users/" + id, """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"emails[type eq \"work\"]"}]}
            """);

        var reply = await Host.Patch(Acme, "/Users/" + id, $$"""
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [
                {"op": "Replace", "path": "active", "value": "False"},
                {"op": "Add", "path": "emails[type eq \"work\"].value", "value": "new@contoso.com"},
                {"op": "Replace", "value": {"name.givenName": "Ada", "name.familyName": "Lovelace", "displayName": "Ada L",
                   "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "R&D"} },
                {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": "{{manager}}"},
                {"op": "Add", "path": "phoneNumbers[type eq \"mobile\"].value", "value": "+1 555 0100"},
                {"op": "Replace", "path": "addresses[type eq \"work\"].locality", "value": "Redmond"}
              ]
            }
            """);

        reply.Status.Should().Be(HttpStatusCode.OK, reply.ToString());
        var user = reply.Json;
        user["active"]!.GetValue<bool>().Should().BeFalse();
        var email = user["emails"]!.AsArray().Single()!;
        email["value"]!.GetValue<string>().Should().Be("new@contoso.com");
        email["type"]!.GetValue<string>().Should().Be("work");
        user["name"]!["givenName"]!.GetValue<string>().Should().Be("Ada");
        user["name"]!["familyName"]!.GetValue<string>().Should().Be("Lovelace");
        user["displayName"]!.GetValue<string>().Should().Be("Ada L");
        var enterprise = user["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]!;
        enterprise["department"]!.GetValue<string>().Should().Be("R&D");
        enterprise["manager"]!["value"]!.GetValue<string>().Should().Be(manager);
        user["phoneNumbers"]![0]!["type"]!.GetValue<string>().Should().Be("mobile");
        user["addresses"]![0]!["locality"]!.GetValue<string>().Should().Be("Redmond");

        var byFilter = await Host.Get(Acme, "/Users?filter=" + Uri.EscapeDataString("userName eq \"entra@contoso.com\" and active eq false"));
        byFilter.TotalResults.Should().Be(1);
    }

    [Fact]
    public async Task Entra_soft_delete_then_delete_and_filter_before_create()
    {
        var lookup = await Host.Get(Acme, "/Users?filter=" + Uri.EscapeDataString("userName eq \"Test_User_dfeef4c5-5681-4387-b016-bdf221e82081\""));
        lookup.TotalResults.Should().Be(0);
        lookup.Resources.Should().BeEmpty();
        var created = await Host.Post(Acme, "/Users", """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"Test_User_dfeef4c5-5681-4387-b016-bdf221e82081","active":true,
             "emails":[{"primary":true,"type":"work","value":"Test_User_11bb6b5d@testuser.com"}],
             "meta":{"resourceType":"User"},"name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},"roles":[]}
            """);
        created.Status.Should().Be(HttpStatusCode.Created, created.ToString());
        var id = created.Id;
        (await Host.Get(Acme, "/Users?filter=" + Uri.EscapeDataString("externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\""))).TotalResults.Should().Be(1);

        var soft = await Host.Patch(Acme, "/Users/" + id, """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}""");
        soft.Status.Should().Be(HttpStatusCode.OK);
        soft.Json["active"]!.GetValue<bool>().Should().BeFalse();
        (await Host.Delete(Acme, "/Users/" + id)).Status.Should().Be(HttpStatusCode.NoContent);
        (await Host.Get(Acme, "/Users/" + id)).Status.Should().Be(HttpStatusCode.NotFound);
        (await Host.Delete(Acme, "/Users/" + id)).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Entra_group_member_add_and_remove_with_null_refs_and_excluded_members()
    {
        var a = await Host.CreateUserAsync(Acme, "a@contoso.com");
        var b = await Host.CreateUserAsync(Acme, "b@contoso.com");
        var lookup = await Host.Get(Acme, "/Groups?excludedAttributes=members&filter=" + Uri.EscapeDataString("displayName eq \"Group1DisplayName\""));
        lookup.TotalResults.Should().Be(0);
        var created = await Host.Post(Acme, "/Groups", """
            {"externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"Group1DisplayName","meta":{"resourceType":"Group"},
             "schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"members":[]}
            """);
        created.Status.Should().Be(HttpStatusCode.Created, created.ToString());
        var group = created.Id;

        var add = await Host.Patch(Acme, "/Groups/" + group, $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"name":"addMember","op":"add","path":"members","value":[{"$ref":null,"value":"{{a}}"},{"$ref":null,"value":"{{b}}"}]}]}
            """);
        add.Status.Should().Be(HttpStatusCode.NoContent, add.ToString());
        var remove = await Host.Patch(Acme, "/Groups/" + group, $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"name":"removeMember","op":"remove","path":"members","value":[{"$ref":null,"value":"{{a}}"}]}]}
            """);
        remove.Status.Should().Be(HttpStatusCode.NoContent, remove.ToString());
        var rename = await Host.Patch(Acme, "/Groups/" + group, """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"displayName","value":"1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"}]}
            """);
        rename.Status.Should().Be(HttpStatusCode.NoContent);

        var excluded = await Host.Get(Acme, $"/Groups/{group}?excludedAttributes=members");
        excluded.Json.ContainsKey("members").Should().BeFalse();
        excluded.Json["displayName"]!.GetValue<string>().Should().Be("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName");
        var full = await Host.Get(Acme, "/Groups/" + group);
        full.Json["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()).Should().Equal(b);
        var user = await Host.Get(Acme, "/Users/" + b);
        user.Json["groups"]!.AsArray().Single()!["value"]!.GetValue<string>().Should().Be(group);
        (await Host.Get(Acme, "/Groups?filter=" + Uri.EscapeDataString($"members[value eq \"{b}\"]"))).TotalResults.Should().Be(1);
        (await Host.Get(Acme, "/Groups?filter=" + Uri.EscapeDataString($"members.value eq \"{a}\""))).TotalResults.Should().Be(0);
    }

    [Fact]
    public async Task Okta_user_lifecycle_filter_put_and_pathless_deactivation()
    {
        var lookup = await Host.Get(Acme, "/Users?filter=" + Uri.EscapeDataString("userName eq \"dade.murphy@example.com\"") + "&startIndex=1&count=100");
        lookup.Status.Should().Be(HttpStatusCode.OK);
        lookup.TotalResults.Should().Be(0);
        var created = await Host.Post(Acme, "/Users", """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"dade.murphy@example.com",
             "name":{"givenName":"Dade","familyName":"Murphy"},"emails":[{"primary":true,"value":"dade.murphy@example.com","type":"work"}],
             "displayName":"Dade Murphy","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],"password":"1mz050nq","active":true}
            """);
        created.Status.Should().Be(HttpStatusCode.Created);
        var id = created.Id;

        var put = await Host.Put(Acme, "/Users/" + id, $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"{{id}}","userName":"dade.murphy@example.com",
             "name":{"givenName":"Dade","familyName":"Murphy-Jones"},"emails":[{"primary":true,"value":"dade.murphy@example.com","type":"work"}],
             "displayName":"Dade Murphy-Jones","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],"active":true,
             "meta":{"resourceType":"User","created":"2019-01-01T00:00:00Z"} }
            """);
        put.Status.Should().Be(HttpStatusCode.OK, put.ToString());
        put.Json["name"]!["familyName"]!.GetValue<string>().Should().Be("Murphy-Jones");
        put.Json["meta"]!["created"]!.GetValue<string>().Should().Be(created.Json["meta"]!["created"]!.GetValue<string>(), "meta is read-only");

        var deactivate = await Host.Patch(Acme, "/Users/" + id, """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}
            """);
        deactivate.Status.Should().Be(HttpStatusCode.OK);
        deactivate.Json["active"]!.GetValue<bool>().Should().BeFalse();
        deactivate.Json["displayName"]!.GetValue<string>().Should().Be("Dade Murphy-Jones");
    }

    [Fact]
    public async Task Okta_group_push_adds_several_members_removes_one_by_filter_and_never_duplicates()
    {
        var users = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            users.Add(await Host.CreateUserAsync(Acme, $"okta{i}@example.com"));
        }

        var group = await Host.CreateGroupAsync(Acme, "Okta Group");
        var add = $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members",
             "value":[{"value":"{{users[0]}}","display":"okta0@example.com"},{"value":"{{users[1]}}","display":"okta1@example.com"},{"value":"{{users[2]}}"}]}]}
            """;
        (await Host.Patch(Acme, "/Groups/" + group, add)).Status.Should().Be(HttpStatusCode.NoContent);
        (await Host.Patch(Acme, "/Groups/" + group, add)).Status.Should().Be(HttpStatusCode.NoContent, "re-adding members is idempotent");
        var remove = await Host.Patch(Acme, "/Groups/" + group, $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"{{users[1]}}\"]"}]}
            """);
        remove.Status.Should().Be(HttpStatusCode.NoContent);

        var stored = await Host.Get(Acme, "/Groups/" + group);
        stored.Json["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()).Should().BeEquivalentTo([users[0], users[2]]);
        stored.Json["members"]![0]!["type"]!.GetValue<string>().Should().Be("User");

        var put = await Host.Put(Acme, "/Groups/" + group, $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Okta Group Renamed","members":[{"value":"{{users[1]}}"}]}
            """);
        put.Status.Should().Be(HttpStatusCode.OK);
        put.Json["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()).Should().Equal(users[1]);
    }

    [Fact]
    public async Task A_failing_patch_changes_nothing_users_and_groups()
    {
        var id = await Host.CreateUserAsync(Acme, "atomic@example.com");
        var member = await Host.CreateUserAsync(Acme, "member@example.com");
        var group = await Host.CreateGroupAsync(Acme, "Atomic");

        var user = await Host.Patch(Acme, "/Users/" + id, """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
              {"op":"replace","path":"displayName","value":"changed"},
              {"op":"replace","path":"meta.created","value":"2000-01-01T00:00:00Z"}]}
            """);
        user.Status.Should().Be(HttpStatusCode.BadRequest);
        user.ScimType.Should().Be("mutability");

        var groupReply = await Host.Patch(Acme, "/Groups/" + group, $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
              {"op":"replace","path":"displayName","value":"changed"},
              {"op":"add","path":"members","value":[{"value":"{{member}}"}]},
              {"op":"add","path":"members","value":[{"value":"no-such-user"}]}]}
            """);
        groupReply.Status.Should().Be(HttpStatusCode.BadRequest);
        groupReply.ScimType.Should().Be("invalidValue");

        (await Host.Get(Acme, "/Users/" + id)).Json["displayName"]!.GetValue<string>().Should().Be("atomic@example.com");
        var storedGroup = await Host.Get(Acme, "/Groups/" + group);
        storedGroup.Json["displayName"]!.GetValue<string>().Should().Be("Atomic");
        storedGroup.Json["members"]!.AsArray().Should().BeEmpty();
        storedGroup.ETag.Should().Be("W/\"1\"");
    }

    [Theory]
    [InlineData("""{"Operations":[{"op":"replace","path":"noSuchAttribute","value":"x"}]}""", "invalidPath")]
    [InlineData("""{"Operations":[{"op":"replace","path":"name.noSuchSub","value":"x"}]}""", "invalidPath")]
    [InlineData("""{"Operations":[{"op":"replace","path":"emails[type eq","value":"x"}]}""", "invalidPath")]
    [InlineData("""{"Operations":[{"op":"replace","path":"id","value":"x"}]}""", "mutability")]
    [InlineData("""{"Operations":[{"op":"remove","path":"userName"}]}""", "mutability")]
    [InlineData("""{"Operations":[{"op":"remove"}]}""", "noTarget")]
    [InlineData("""{"Operations":[{"op":"replace","path":"emails[value co \"nothing\"].type","value":"home"}]}""", "noTarget")]
    [InlineData("""{"Operations":[{"op":"replace","path":"active","value":"maybe"}]}""", "invalidValue")]
    [InlineData("""{"Operations":[{"op":"replace","path":"userName","value":""}]}""", "invalidValue")]
    [InlineData("""{"Operations":[{"op":"move","path":"userName","value":"x"}]}""", "invalidSyntax")]
    [InlineData("""{"Operations":[]}""", "invalidSyntax")]
    [InlineData("""{"schemas":["urn:wrong"],"Operations":[{"op":"replace","path":"displayName","value":"x"}]}""", "invalidSyntax")]
    [InlineData("""{"Operations":[{"op":"replace","path":"displayName"}]}""", "invalidValue")]
    [InlineData("""{"Operations":[{"op":"add","value":"not an object"}]}""", "invalidValue")]
    public async Task Patch_errors_carry_their_scim_type(string body, string scimType)
    {
        var id = await Host.CreateUserAsync(Acme, "errors@example.com");

        var reply = await Host.Patch(Acme, "/Users/" + id, body);

        reply.Status.Should().Be(HttpStatusCode.BadRequest, reply.ToString());
        reply.ScimType.Should().Be(scimType);
        (await Host.Get(Acme, "/Users/" + id)).ETag.Should().Be("W/\"1\"");
    }

    [Fact]
    public async Task Deleting_a_user_removes_its_memberships()
    {
        var a = await Host.CreateUserAsync(Acme, "a@example.com");
        var b = await Host.CreateUserAsync(Acme, "b@example.com");
        var group = await Host.CreateGroupAsync(Acme, "G", a, b);

        (await Host.Delete(Acme, "/Users/" + a)).Status.Should().Be(HttpStatusCode.NoContent);

        (await Host.Get(Acme, "/Groups/" + group)).Json["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()).Should().Equal(b);
    }

    [Fact]
    public async Task Unknown_endpoints_and_methods_answer_scim_errors()
    {
        var unknown = await Host.Get(Acme, "/Widgets");
        unknown.Status.Should().Be(HttpStatusCode.NotFound);
        unknown.ContentType.Should().Be("application/scim+json");
        (await Host.SendAsync(Acme, HttpMethod.Delete, "/Users", null)).Status.Should().Be(HttpStatusCode.MethodNotAllowed);
        (await Host.Post(Acme, "/Bulk", "{}")).Status.Should().Be(HttpStatusCode.NotImplemented);
        (await Host.Get(Acme, "/Users/does-not-exist")).Status.Should().Be(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteScimConformanceTests() : ScimConformanceTests(Backend.Sqlite);

public sealed class PostgresScimConformanceTests() : ScimConformanceTests(Backend.Postgres);

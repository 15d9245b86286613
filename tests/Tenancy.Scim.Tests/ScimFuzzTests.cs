using System.Text;
using System.Text.Json.Nodes;
using Tenancy.Scim.Errors;
using Tenancy.Scim.Filters;
using Tenancy.Scim.Patch;
using Tenancy.Scim.Schema;

namespace Tenancy.Scim.Tests;

/// <summary>
/// Property tests over the parsers with a seeded generator (reproducible): random and mutated inputs either parse or
/// fail with a <see cref="ScimException"/> (a 400) — never any other exception.
/// </summary>
public sealed class ScimFuzzTests
{
    private static readonly string[] Seeds =
    [
        "userName eq \"bjensen\"",
        "emails[type eq \"work\" and value co \"@example.com\"] or not (active eq false)",
        "(meta.lastModified gt \"2011-05-13T04:42:34Z\" and name.familyName sw \"J\") or externalId pr",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber ge 10.5e3",
        "members[value eq \"2819c223\"].display",
    ];

    private static readonly string Alphabet = "abcdeXYZ019 .:[]()\"\\/$-_@eqnecoswewgtgeltleprandornottruefalsenull\u00e9\u0000\t\n{}',";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_and_mutated_filters_parse_or_fail_with_a_scim_error(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 5000; i++)
        {
            var input = i % 2 == 0 ? RandomText(random) : Mutate(random, Seeds[random.Next(Seeds.Length)]);
            AssertScimOutcome(() => ScimFilterParser.Parse(input), input);
            AssertScimOutcome(() => ScimFilterParser.ParsePatchPath(input), input);
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Random_patch_bodies_apply_or_fail_with_a_scim_error(int seed)
    {
        var random = new Random(seed);
        var user = JsonNode.Parse("""
            {"userName":"bjensen","active":true,"name":{"givenName":"B"},"emails":[{"value":"b@example.com","type":"work","primary":true}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"x"}}
            """)!.AsObject();
        string[] paths =
        [
            "userName", "active", "name", "name.givenName", "emails", "emails[type eq \"work\"]", "emails[type eq \"work\"].value",
            "emails[value co \"x\"].primary", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "members",
            "members[value eq \"1\"]", "id", "meta.created", "password", "groups", "emails[", "x.y.z", "", "phoneNumbers[type eq \"mobile\"].value",
        ];
        JsonNode?[] values =
        [
            null, "True", "False", "text", 42, true, new JsonObject { ["value"] = "v" }, new JsonArray("a", 1), new JsonArray(new JsonObject { ["value"] = "x", ["type"] = "home" }),
            new JsonObject { ["name.givenName"] = "G", ["emails[type eq \"work\"].value"] = "w@x", ["active"] = "False" }, new JsonObject(),
            new JsonObject { ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] = new JsonObject { ["manager"] = "m" } },
        ];
        string[] ops = ["add", "Add", "replace", "Replace", "remove", "REMOVE", "move", ""];
        for (var i = 0; i < 3000; i++)
        {
            var operations = new JsonArray();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var operation = new JsonObject { ["op"] = ops[random.Next(ops.Length)] };
                if (random.Next(4) > 0)
                {
                    operation["path"] = random.Next(6) == 0 ? Mutate(random, paths[random.Next(paths.Length)]) : paths[random.Next(paths.Length)];
                }

                if (random.Next(5) > 0)
                {
                    operation["value"] = values[random.Next(values.Length)]?.DeepClone();
                }

                operations.Add(operation);
            }

            var body = new JsonObject { ["schemas"] = new JsonArray(ScimSchemas.PatchOpId), ["Operations"] = operations };
            var kind = random.Next(2) == 0 ? ScimSchemas.UserResourceType : ScimSchemas.GroupResourceType;
            var document = kind == ScimSchemas.UserResourceType ? user : new JsonObject { ["displayName"] = "G" };
            var before = document.ToJsonString();
            AssertScimOutcome(() => ScimPatchEngine.Apply(kind, document, body), body.ToJsonString());
            document.ToJsonString().Should().Be(before, "PATCH works on a copy");
        }
    }

    private static void AssertScimOutcome(Action action, string input)
    {
        try
        {
            action();
        }
        catch (ScimException ex)
        {
            ex.Status.Should().Be(400, input);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"Input {JsonValue.Create(input)!.ToJsonString()} threw {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static string RandomText(Random random)
    {
        var length = random.Next(0, 60);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return text.ToString();
    }

    private static string Mutate(Random random, string seed)
    {
        var text = new StringBuilder(seed);
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = random.Next(text.Length + 1);
            switch (random.Next(3))
            {
                case 0 when text.Length > 0 && at < text.Length:
                    text.Remove(at, 1);
                    break;
                case 1:
                    text.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                default:
                    if (text.Length > 0 && at < text.Length)
                    {
                        text[at] = Alphabet[random.Next(Alphabet.Length)];
                    }

                    break;
            }
        }

        return text.ToString();
    }
}

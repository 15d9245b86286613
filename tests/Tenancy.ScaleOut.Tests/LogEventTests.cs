using System.Reflection;
using Microsoft.Extensions.Logging;
using Tenancy.EntityFramework.PostgreSql;
using Tenancy.Redis;

namespace Tenancy.ScaleOut.Tests;

/// <summary>The house rule for logging (CONTRIBUTING.md): one <c>Log</c> class per package, every message named, ids in the package's ranges and never shared.</summary>
public sealed class LogEventTests
{
    // The resolver's and the resolution middleware's messages are still declared on those types (issue 15 moves them).
    private static readonly string[] NotYetMoved = [];

    private static readonly Dictionary<string, (Assembly Assembly, (int From, int To)[] Ranges)> Packages = new()
    {
        ["Tenancy.Core"] = (typeof(TenantInfo).Assembly, [(1000, 1999), (7000, 7999), (9000, 9999)]),
        ["Tenancy.AspNetCore"] = (typeof(Tenancy.AspNetCore.TenancyHttpOptions).Assembly, [(2000, 2999), (7000, 7999), (9000, 9999)]),
        ["Tenancy.Redis"] = (typeof(TenancyRedisOptions).Assembly, [(8000, 8999)]),
        ["Tenancy.EntityFramework.PostgreSql"] = (typeof(PostgreSqlBackplaneOptions).Assembly, [(3000, 3999), (8000, 8999)]),
    };

    public static TheoryData<string> PackageNames => [.. Packages.Keys];

    [Theory]
    [MemberData(nameof(PackageNames))]
    public void Every_log_message_of_a_package_sits_on_its_one_Log_class_with_a_name_and_an_id_in_its_ranges(string package)
    {
        var (assembly, ranges) = Packages[package];
        var messages = Messages(assembly);

        messages.Should().NotBeEmpty();
        messages.Select(m => m.Method.DeclaringType!).Where(t => !NotYetMoved.Contains(t.Name))
            .Should().OnlyContain(t => t.Name == "Log" && t.IsAbstract && t.IsSealed && !t.IsPublic && !t.IsNested)
            .And.Subject.Distinct().Should().ContainSingle("{0} has one Log class", package);
        messages.Should().OnlyContain(m => !string.IsNullOrEmpty(m.Attribute.EventName), "every message of {0} is named", package);
        messages.Should().OnlyContain(m => ranges.Any(r => m.Attribute.EventId >= r.From && m.Attribute.EventId <= r.To), "{0} logs in its ranges", package);
    }

    [Fact]
    public void No_two_log_messages_of_these_packages_share_an_event_id_or_a_name()
    {
        var messages = Packages.Values.SelectMany(p => Messages(p.Assembly)).Select(m => m.Attribute).ToList();

        messages.Select(m => m.EventId).Should().OnlyHaveUniqueItems();
        messages.Select(m => m.EventName).Should().OnlyHaveUniqueItems();
    }

    private static List<(MethodInfo Method, LoggerMessageAttribute Attribute)> Messages(Assembly assembly) =>
        [.. assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .Select(m => (m.Method, m.Attribute!))];
}

using BenchmarkDotNet.Attributes;
using Tenancy.Scim.Filters;

namespace Tenancy.Scim.Benchmarks;

/// <summary>Parsing a 20-clause filter (ten value paths, URN-qualified names, not, parentheses) into the AST.</summary>
[MemoryDiagnoser]
public class FilterParseBenchmarks
{
    private static readonly string TwentyClauses = string.Join(" or ", Enumerable.Range(0, 5).Select(i =>
        $"(userName eq \"user{i}@example.com\" and not (active eq false) and emails[type eq \"work\" and value co \"@example.com\"] " +
        $"and urn:ietf:params:scim:schemas:core:2.0:User:name.familyName sw \"J{i}\")"));

    [Benchmark]
    public ScimFilter Parse_20_clauses() => ScimFilterParser.Parse(TwentyClauses);

    [Benchmark(Baseline = true)]
    public ScimFilter Parse_userName_eq() => ScimFilterParser.Parse("userName eq \"bjensen@example.com\"");
}

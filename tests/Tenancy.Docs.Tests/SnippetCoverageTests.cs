using System.Reflection;
using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;

namespace Tenancy.Docs.Tests;

public sealed partial class SnippetCoverageTests
{
    public static TheoryData<string> Readmes()
    {
        var data = new TheoryData<string>();
        foreach (var readme in ReadmeFiles())
        {
            data.Add(Path.GetRelativePath(RepositoryRoot(), readme));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Readmes))]
    public void Every_csharp_block_of_a_readme_is_compiled(string readme)
    {
        var text = File.ReadAllLines(Path.Combine(RepositoryRoot(), readme));
        text.Where(l => OtherCSharpFence().IsMatch(l)).Should().BeEmpty("C# blocks are fenced ```csharp so that they are compiled");
        var blocks = text.Count(l => l.TrimStart().StartsWith("```csharp", StringComparison.Ordinal));

        var name = Path.GetDirectoryName(readme)!.Length == 0 ? "Readme" : Path.GetFileName(Path.GetDirectoryName(readme))!.Replace("Tenancy.", "", StringComparison.Ordinal).Replace('.', '_');
        var snippet = typeof(SnippetCoverageTests).Assembly.GetType($"Tenancy.Docs.Snippets.{name}.Snippet");
        var compiled = snippet?.GetMethods(BindingFlags.Public | BindingFlags.Static).Count(m => m.Name.StartsWith("Block", StringComparison.Ordinal)) ?? 0;
        compiled.Should().Be(blocks);
    }

    private static IEnumerable<string> ReadmeFiles() =>
        new[] { Path.Combine(RepositoryRoot(), "README.md") }
            .Concat(Directory.GetDirectories(Path.Combine(RepositoryRoot(), "src")).Select(d => Path.Combine(d, "README.md")).Where(File.Exists));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tenancy.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Tenancy.sln not found above the test's directory.");
    }

    [GeneratedRegex(@"^\s*```\s*(cs|c#|C#|csharp\s+\S+)\s*$")]
    private static partial Regex OtherCSharpFence();
}

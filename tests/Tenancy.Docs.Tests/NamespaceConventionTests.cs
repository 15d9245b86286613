using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;

namespace Tenancy.Docs.Tests;

/// <summary>
/// Pins CONTRIBUTING.md's namespace rule on every source file of every package: the namespace follows the folder (the
/// package's root namespace + the folder path), and the one stated exception — registration extension classes
/// (<c>*Extensions</c>) live in the namespace of what they extend.
/// </summary>
public sealed partial class NamespaceConventionTests
{
    private static readonly string[] ExtensionNamespaces =
    [
        "Microsoft.Extensions.DependencyInjection",
        "Microsoft.AspNetCore.Builder",
        "Microsoft.AspNetCore.Authorization",
        "Microsoft.EntityFrameworkCore",
    ];

    public static TheoryData<string> Packages()
    {
        var data = new TheoryData<string>();
        foreach (var project in Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src"), "*.csproj", SearchOption.AllDirectories))
        {
            data.Add(Path.GetFileNameWithoutExtension(project));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Every_source_file_of_a_package_uses_its_folder_namespace_or_the_stated_extension_exception(string package)
    {
        var root = Path.Combine(RepositoryRoot(), "src", package);
        var project = File.ReadAllText(Path.Combine(root, package + ".csproj"));
        var rootNamespace = RootNamespace().Match(project) is { Success: true } match ? match.Groups[1].Value : package;

        var outliers = new List<string>();
        var files = SourceFiles(root).ToList();
        files.Should().NotBeEmpty();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var declared = FileScopedNamespace().Match(text);
            var relative = Path.GetRelativePath(root, Path.GetDirectoryName(file)!);
            var expected = relative == "." ? rootNamespace : rootNamespace + "." + relative.Replace(Path.DirectorySeparatorChar, '.');
            if (!declared.Success)
            {
                outliers.Add($"{Path.GetRelativePath(root, file)}: no file-scoped namespace");
                continue;
            }

            var actual = declared.Groups[1].Value;
            var isExtensionClass = Path.GetFileNameWithoutExtension(file).EndsWith("Extensions", StringComparison.Ordinal);
            if (actual != expected && !(isExtensionClass && ExtensionNamespaces.Contains(actual)))
            {
                outliers.Add($"{Path.GetRelativePath(root, file)}: namespace {actual}, expected {expected}");
            }
        }

        outliers.Should().BeEmpty("namespaces follow folders except registration extensions (CONTRIBUTING.md, 'Packages and namespaces')");
    }

    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tenancy.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Tenancy.sln not found above the test's directory.");
    }

    [GeneratedRegex(@"<RootNamespace>([\w.]+)</RootNamespace>")]
    private static partial Regex RootNamespace();

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileScopedNamespace();
}

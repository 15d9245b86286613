namespace Tenancy.Console.Tests;

/// <summary>Paths from the repository root (the folder holding Tenancy.sln).</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tenancy.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Tenancy.sln not found above the test output folder.");
    });

    /// <summary>The repository root.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary><c>artifacts/screenshots</c> under the root (created).</summary>
    public static string Screenshots
    {
        get
        {
            var path = Path.Combine(Root, "artifacts", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }
}

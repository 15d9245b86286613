namespace Tenancy.Testing.Hosting;

/// <summary>
/// A throw-away content root for the sample host (<c>samples/Tenancy.Sample.Host</c>): a temporary folder holding a copy
/// of the sample's own appsettings.json, so a test runs the sample as shipped while its App_Data stays out of the
/// repository. Disposing deletes the folder.
/// </summary>
public sealed class SampleContentRoot : IDisposable
{
    /// <summary>Creates the folder (its name starts with <paramref name="prefix"/>) and copies the sample's settings into it.</summary>
    public SampleContentRoot(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        File.Copy(System.IO.Path.Combine(SampleFolder, "appsettings.json"), System.IO.Path.Combine(Path, "appsettings.json"));
    }

    /// <summary>The folder to pass to <c>UseContentRoot</c>.</summary>
    public string Path { get; }

    /// <summary>The sample host's source folder, found above the test's output folder.</summary>
    public static string SampleFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "samples", "Tenancy.Sample.Host");
                if (File.Exists(System.IO.Path.Combine(candidate, "appsettings.json")))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("samples/Tenancy.Sample.Host not found above the test output folder.");
        }
    }

    /// <summary>Deletes the folder (a file still open is left behind rather than failing the test).</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

namespace Stackmark.Tests.Support;

/// <summary>The official guideline files in ../shared/interop (beside the repository), read by tests only.</summary>
public static class InteropData
{
    public static string Directory { get; } = Locate();

    public static string RepoRoot { get; } = FindRepoRoot();

    public static IEnumerable<string> AllFiles() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json")
            .Concat(System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "add-ons"), "*.json"))
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in AllFiles())
        {
            data.Add(Path.GetRelativePath(Directory, f));
        }

        return data;
    }

    public static Guideline Load(string relativePath)
    {
        var path = Path.Combine(Directory, relativePath);
        var result = GuidelineLoader.Load(File.ReadAllBytes(path), path);
        Assert.True(result.Success, result.Error?.ToString());
        return result.Value!;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Stackmark.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Stackmark.slnx) above " + AppContext.BaseDirectory);
    }

    private static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("STACKMARK_INTEROP_DIR");
        var dir = fromEnv ?? Path.GetFullPath(Path.Combine(FindRepoRoot(), "..", "shared", "interop"));
        if (!System.IO.Directory.Exists(dir))
        {
            throw new InvalidOperationException($"official guideline data not found at {dir} (set STACKMARK_INTEROP_DIR)");
        }

        return dir;
    }
}

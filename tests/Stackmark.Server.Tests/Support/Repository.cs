namespace Stackmark.Server.Tests.Support;

/// <summary>The repository this test binary was built from: the nearest folder above it holding Stackmark.slnx.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Stackmark.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Stackmark.slnx not found above " + AppContext.BaseDirectory);
    }
}

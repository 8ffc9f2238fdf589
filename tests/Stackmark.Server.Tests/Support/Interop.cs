namespace Stackmark.Server.Tests.Support;

/// <summary>The official guidelines: <c>../shared/interop</c> relative to the repository root (the folder with Stackmark.slnx).</summary>
internal static class Interop
{
    public static string Directory { get; } = Find();

    public static Guideline Load(string version)
    {
        var id = GuidelineId.Parse(version);
        var path = id.AddOn is null ? Path.Combine(Directory, id + ".json") : Path.Combine(Directory, "add-ons", id + ".json");
        return GuidelineLoader.Load(File.ReadAllBytes(path), path, id).GetValueOrThrow();
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Stackmark.slnx")))
            {
                var interop = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "interop"));
                Assert.True(System.IO.Directory.Exists(interop), $"the official guidelines are expected in {interop}");
                return interop;
            }
        }

        throw new InvalidOperationException("Stackmark.slnx not found above " + AppContext.BaseDirectory);
    }
}

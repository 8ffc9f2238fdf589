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
        var interop = Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "interop"));
        Assert.True(System.IO.Directory.Exists(interop), $"the official guidelines are expected in {interop}");
        return interop;
    }
}

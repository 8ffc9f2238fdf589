using Stackmark.Tests.Support;

namespace Stackmark.Guidelines.Tests;

/// <summary>The guidelines in the box: the same files, byte for byte, as the official copy in ../shared/interop.</summary>
public sealed class EmbeddedGuidelineSourceTests
{
    private static readonly EmbeddedGuidelineSource Embedded = new();

    [Fact]
    public async Task It_lists_what_a_directory_of_the_official_files_lists()
    {
        var fromDirectory = await new DirectoryGuidelineSource(InteropData.Directory).ListAsync(CancellationToken.None);
        var embedded = await Embedded.ListAsync(CancellationToken.None);
        Assert.Equal(26, embedded.Count);
        Assert.Equal(fromDirectory, embedded);
    }

    [Fact]
    public async Task Every_built_in_guideline_loads_and_is_byte_identical_to_the_official_file()
    {
        foreach (var id in await Embedded.ListAsync(CancellationToken.None))
        {
            var file = (await Embedded.ReadAsync(id, CancellationToken.None))!;
            var official = (await new DirectoryGuidelineSource(InteropData.Directory).ReadAsync(id, CancellationToken.None))!;
            Assert.True(file.Content.Span.SequenceEqual(official.Content.Span), $"{id} differs from {official.Name}");
            var loaded = GuidelineLoader.Load(file.Content.Span, file.Name, id);
            Assert.True(loaded.Success, loaded.Error?.ToString());
        }
    }

    [Fact]
    public void Every_embedded_file_including_the_schemas_is_the_official_one()
    {
        Assert.Equal(30, Embedded.Files.Count);
        Assert.Contains("schema/2.0.json", Embedded.Files);
        foreach (var path in Embedded.Files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(InteropData.Directory, path)), Embedded.ReadFile(path));
        }
    }

    [Fact]
    public async Task Absent_guidelines_are_null_and_the_description_names_the_commit()
    {
        Assert.Null(await Embedded.ReadAsync(GuidelineId.Parse("2031.01"), CancellationToken.None));
        Assert.Equal("built in (openstack/interop 5f7a8cf)", Embedded.Description);
    }
}

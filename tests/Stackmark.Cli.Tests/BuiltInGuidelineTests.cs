using System.Text;
using Stackmark.Tests.Support;

namespace Stackmark.Cli.Tests;

/// <summary>
/// Commands without <c>--source</c>: the built-in guidelines, the user cache filled by <c>guidelines update</c>, and
/// their precedence (--source, then cache, then built in). Each test has its own empty cache.
/// </summary>
public sealed class BuiltInGuidelineTests : IDisposable
{
    private const string BuiltIn = "built in (openstack/interop 5f7a8cf)";
    private static readonly string Source = InteropData.Directory;
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "stackmark-cli-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, true);
        }
    }

    [Theory]
    [InlineData("guidelines", "show", "2020.06")]
    [InlineData("guidelines", "tests", "2020.06", "--target", "object")]
    [InlineData("guidelines", "tests", "2020.06", "--target", "dns", "--format", "json")]
    [InlineData("guidelines", "diff", "2019.11", "2020.06", "--format", "json")]
    public async Task Without_source_the_built_in_copy_gives_the_same_output_as_the_official_directory(params string[] args)
    {
        var builtIn = await Cli.RunWithCacheAsync(_cache, args);
        var official = await Cli.RunWithCacheAsync(_cache, [.. args, "--source", Source]);

        Assert.Equal((0, 0), (builtIn.Exit, official.Exit));
        Assert.NotEmpty(builtIn.Out);
        // Warnings name the file they are in: the built-in copy's name instead of the directory's path.
        Assert.Equal(official.Out.Replace(Source + "/", "built-in:", StringComparison.Ordinal), builtIn.Out);
        Assert.Contains($"Guideline {args[2]} from {BuiltIn}", builtIn.Err, StringComparison.Ordinal);
        Assert.Contains($"Guideline {args[2]} from {Source}", official.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_fills_the_cache_which_then_serves_before_the_built_in_copy_and_source_serves_before_both()
    {
        var (exit, output, err) = await Cli.RunWithCacheAsync(_cache, "guidelines", "update", "--source", Source);
        Assert.True(exit == 0, err);
        Assert.Contains("26 added, 0 changed, 0 unchanged, 0 rejected", output, StringComparison.Ordinal);
        Assert.Contains("  added     dns.2020.06", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_cache, "add-ons", "orchestration.2020.06.json")));

        (exit, output, _) = await Cli.RunWithCacheAsync(_cache, "guidelines", "update", "--source", Source);
        Assert.Equal(0, exit);
        Assert.Contains("0 added, 0 changed, 26 unchanged, 0 rejected", output, StringComparison.Ordinal);

        (_, _, err) = await Cli.RunWithCacheAsync(_cache, "guidelines", "show", "2020.06");
        Assert.Contains($"Guideline 2020.06 from {_cache} (user cache)", err, StringComparison.Ordinal);

        var other = Path.Combine(_cache + "-source");
        Directory.CreateDirectory(other);
        File.Copy(Path.Combine(Source, "2020.06.json"), Path.Combine(other, "2020.06.json"));
        (_, _, err) = await Cli.RunWithCacheAsync(_cache, "guidelines", "show", "2020.06", "--source", other);
        Directory.Delete(other, true);
        Assert.Contains($"Guideline 2020.06 from {other}", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_file_is_rejected_by_name_and_never_enters_the_cache()
    {
        var dir = _cache + "-source";
        Directory.CreateDirectory(Path.Combine(dir, "guidelines"));
        File.Copy(Path.Combine(Source, "2020.06.json"), Path.Combine(dir, "guidelines", "2020.06.json"));
        File.WriteAllText(Path.Combine(dir, "guidelines", "2022.11.json"), File.ReadAllText(Path.Combine(Source, "2020.06.json"), Encoding.UTF8)[..5000]);
        try
        {
            var (exit, output, _) = await Cli.RunWithCacheAsync(_cache, "guidelines", "update", "--source", dir);
            Assert.Equal(1, exit);
            Assert.Contains("  rejected  2022.11: ", output, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(dir, "guidelines", "2022.11.json"), output, StringComparison.Ordinal);
            Assert.Contains("1 added, 0 changed, 0 unchanged, 1 rejected", output, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(_cache, "2022.11.json")));
            Assert.True(File.Exists(Path.Combine(_cache, "2020.06.json")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Report_without_guideline_judges_against_the_newest_in_force()
    {
        var results = Path.Combine(_cache + "-results.json");
        File.WriteAllText(results, """{"cpid": "x", "duration_seconds": 1, "results": [{"name": "tempest.api.compute.test_x", "uuid": "00000000-0000-0000-0000-000000000000"}]}""");
        try
        {
            var (exit, _, err) = await Cli.RunWithCacheAsync(_cache, "report", results, "--target", "dns");
            Assert.Equal(1, exit);
            Assert.Contains("Guideline dns.2020.06 chosen: the newest in force for dns", err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(results);
        }
    }
}

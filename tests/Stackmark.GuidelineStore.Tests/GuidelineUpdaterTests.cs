using System.Text;
using Stackmark.Tests.Support;

namespace Stackmark.Guidelines.Tests;

/// <summary>
/// <c>guidelines update</c>'s engine against a forge on 127.0.0.1 serving the official files in both upstream layouts,
/// into a temporary cache; and the precedence of the default source (cache, then built in).
/// </summary>
public sealed class GuidelineUpdaterTests : IDisposable
{
    private readonly string _cacheDir = Path.Combine(Path.GetTempPath(), "stackmark-cache-" + Guid.NewGuid().ToString("N"));

    private GuidelineCache Cache => new(_cacheDir);

    public void Dispose()
    {
        if (Directory.Exists(_cacheDir))
        {
            Directory.Delete(_cacheDir, true);
        }
    }

    // The official files by path in openstack/interop's flat layout (with schema/ and a README, which are no guidelines).
    private static Dictionary<string, byte[]> FlatLayout()
    {
        var files = InteropData.AllFiles().ToDictionary(f => Path.GetRelativePath(InteropData.Directory, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);
        files["schema/2.0.json"] = File.ReadAllBytes(Path.Combine(InteropData.Directory, "schema", "2.0.json"));
        files["README.rst"] = "Interop guidelines"u8.ToArray();
        return files;
    }

    // The same files as openinfra/interop lays them out: guidelines/ and add-ons/guidelines/.
    private static Dictionary<string, byte[]> OpeninfraLayout() => FlatLayout().ToDictionary(
        p => p.Key.StartsWith("add-ons/", StringComparison.Ordinal) ? "add-ons/guidelines/" + p.Key["add-ons/".Length..]
            : p.Key.EndsWith(".json", StringComparison.Ordinal) && !p.Key.Contains('/', StringComparison.Ordinal) ? "guidelines/" + p.Key : p.Key,
        p => p.Value,
        StringComparer.Ordinal);

    [Fact]
    public async Task The_flat_layout_fills_the_cache_and_a_second_update_changes_nothing()
    {
        await using var forge = await ForgeServer.StartAsync(FlatLayout());
        var source = GuidelineSources.OpenForUpdate(forge.Repository);
        Assert.IsType<ForgeGuidelineSource>(source);

        var first = await GuidelineUpdater.UpdateAsync(source, Cache, CancellationToken.None);
        Assert.Equal(26, first.Count(GuidelineUpdateOutcome.Added));
        Assert.Equal(26, first.Entries.Count);
        Assert.Equal(File.ReadAllBytes(Path.Combine(InteropData.Directory, "2020.06.json")), File.ReadAllBytes(Path.Combine(_cacheDir, "2020.06.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(InteropData.Directory, "add-ons", "dns.2020.06.json")), File.ReadAllBytes(Path.Combine(_cacheDir, "add-ons", "dns.2020.06.json")));

        var second = await GuidelineUpdater.UpdateAsync(GuidelineSources.OpenForUpdate(forge.Repository), Cache, CancellationToken.None);
        Assert.Equal(26, second.Count(GuidelineUpdateOutcome.Unchanged));
    }

    [Fact]
    public async Task The_openinfra_layout_is_found_a_corrupt_file_is_rejected_and_a_changed_one_replaced()
    {
        var files = OpeninfraLayout();
        // A newer guideline whose capability list is broken: the loader names the file and the JSON path.
        var text = Encoding.UTF8.GetString(files["guidelines/2020.06.json"]);
        var at = text.IndexOf("\"capabilities\"", StringComparison.Ordinal);
        files["guidelines/2022.11.json"] = Encoding.UTF8.GetBytes(text[..at] + "\"capabilities\": 42, \"_was\"" + text[(at + "\"capabilities\"".Length)..]);
        // A truncated file: not even JSON.
        files["add-ons/guidelines/dns.2022.11.json"] = files["add-ons/guidelines/dns.2020.06.json"][..1000];
        await using var forge = await ForgeServer.StartAsync(files);

        // The cache holds an older copy of 2019.11 (other bytes, still valid): it is replaced.
        await Cache.WriteAsync(GuidelineId.Parse("2019.11"), Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(files["guidelines/2019.11.json"]) + "\n\n"), CancellationToken.None);

        var update = await GuidelineUpdater.UpdateAsync(GuidelineSources.OpenForUpdate(forge.Repository), Cache, CancellationToken.None);
        Assert.Equal((25, 1, 2), (update.Count(GuidelineUpdateOutcome.Added), update.Count(GuidelineUpdateOutcome.Changed), update.Count(GuidelineUpdateOutcome.Rejected)));
        var rejected = update.Entries.Single(e => e.Id == GuidelineId.Parse("2022.11"));
        Assert.Contains("guidelines/2022.11.json", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("capabilities", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("dns.2022.11.json", update.Entries.Single(e => e.Id == GuidelineId.Parse("dns.2022.11")).Reason, StringComparison.Ordinal);

        Assert.False(File.Exists(Path.Combine(_cacheDir, "2022.11.json")));
        Assert.False(File.Exists(Path.Combine(_cacheDir, "add-ons", "dns.2022.11.json")));
        Assert.Equal(files["guidelines/2019.11.json"], File.ReadAllBytes(Path.Combine(_cacheDir, "2019.11.json")));
        Assert.Empty(Directory.EnumerateFiles(_cacheDir, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(26, (await Cache.ListAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_directory_in_the_openinfra_layout_updates_the_cache_too()
    {
        var dir = Path.Combine(_cacheDir + "-src");
        try
        {
            foreach (var (path, bytes) in OpeninfraLayout())
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, path))!);
                File.WriteAllBytes(Path.Combine(dir, path), bytes);
            }

            var update = await GuidelineUpdater.UpdateAsync(GuidelineSources.OpenForUpdate(dir), Cache, CancellationToken.None);
            Assert.Equal(26, update.Count(GuidelineUpdateOutcome.Added));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task The_cache_serves_before_the_built_in_copy_and_says_so()
    {
        var cached = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(InteropData.Directory, "2020.06.json"))) + "\n");
        await Cache.WriteAsync(GuidelineId.Parse("2020.06"), cached, CancellationToken.None);
        var source = GuidelineSources.Default(Cache);

        var fromCache = (await source.ReadAsync(GuidelineId.Parse("2020.06"), CancellationToken.None))!;
        Assert.Equal(cached, fromCache.Content.ToArray());
        Assert.Equal($"{_cacheDir} (user cache)", fromCache.ServedBy);

        var builtIn = (await source.ReadAsync(GuidelineId.Parse("2019.11"), CancellationToken.None))!;
        Assert.Equal("built in (openstack/interop 5f7a8cf)", builtIn.ServedBy);
        Assert.Equal(26, (await source.ListAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public void The_cache_directory_comes_from_the_override_then_xdg_then_home()
    {
        Assert.Equal("/tmp/sm", GuidelineCache.ForUser(v => v == GuidelineCache.DirectoryVariable ? "/tmp/sm" : "/x").Directory);
        Assert.Equal("/xdg/stackmark/guidelines", GuidelineCache.ForUser(v => v == "XDG_CACHE_HOME" ? "/xdg" : null).Directory);
        Assert.EndsWith("/.cache/stackmark/guidelines", GuidelineCache.ForUser(v => v == "XDG_CACHE_HOME" ? "relative" : null).Directory, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://opendev.org/openinfra/interop", "https://opendev.org/api/v1/repos/openinfra/interop/contents/")]
    [InlineData("https://github.com/openstack/interop.git", "https://api.github.com/repos/openstack/interop/contents/")]
    [InlineData("https://git.example.org/forge/api/v1/repos/o/r/contents", "https://git.example.org/forge/api/v1/repos/o/r/contents/")]
    public void The_contents_api_is_derived_from_the_repository_address(string repository, string api) =>
        Assert.Equal(api, new ForgeGuidelineSource(new Uri(repository), new HttpClient()).ContentsApi.AbsoluteUri);
}

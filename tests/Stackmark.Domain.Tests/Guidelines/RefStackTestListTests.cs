using System.Diagnostics;
using System.Text.Json;
using Stackmark.Tests.Support;

namespace Stackmark.Tests.Guidelines;

/// <summary>The test list equals RefStack's on every official file, target and filter combination.</summary>
public sealed class RefStackTestListTests
{
    [Fact]
    public void Test_lists_equal_an_independent_python_oracle_of_RefStacks_rules_on_every_official_file()
    {
        var oracle = Path.Combine(AppContext.BaseDirectory, "Oracle", "refstack_test_list.py");
        var psi = new ProcessStartInfo("/usr/bin/python3", [oracle, InteropData.Directory]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());

        var expected = JsonSerializer.Deserialize<Dictionary<string, string[]>>(stdout)!;
        Assert.True(expected.Count > 500, $"oracle produced only {expected.Count} cases");
        var cache = new Dictionary<string, Guideline>();
        var compared = 0;
        foreach (var (key, lines) in expected)
        {
            var parts = key.Split('|');
            if (!cache.TryGetValue(parts[0], out var g))
            {
                cache[parts[0]] = g = InteropData.Load(parts[0]);
            }

            var statuses = parts[2].Split(',').Select(w => CapabilityStatuses.TryParse(w, out var s) ? s : throw new FormatException(w)).ToList();
            var query = new TestListQuery(parts[1], statuses, IncludeFlagged: parts[4] == "true", IncludeAliases: parts[3] == "true");
            Assert.Equal(lines, g.TestListLines(query));
            compared++;
        }

        Assert.Equal(expected.Count, compared);
    }
}

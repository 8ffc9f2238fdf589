using System.Text;
using System.Text.Json;
using CsCheck;
using Stackmark.Reports;
using Stackmark.Runner;
using Stackmark.Tests.Support;

namespace Stackmark.Cli.Tests;

/// <summary>
/// <c>stackmark compare</c> on two run directories written by the runner's own writers (FullResultsJson,
/// ComplianceJson) for the official 2020.06 Powered Compute list: the devcloud-realguest story, where server metadata
/// went from a flag skip to a pass and one snapshot test failed instead.
/// </summary>
public sealed class CompareCommandTests : IDisposable
{
    private const string Metadata = "tempest.api.compute.servers.test_server_metadata.ServerMetadataTestJSON.";
    private const string Snapshot = "tempest.api.compute.images.test_images_oneserver.ImagesOneServerTestJSON.test_create_delete_image";
    private const string MultipleCreate = "tempest.api.compute.servers.test_multiple_create.MultipleCreateTestJSON";

    // A module tear-down both runs had: never a difference.
    private static readonly ClassError Shared = new("tearDownModule", "tempest.api.compute.servers.test_server_actions",
        new NonPass(NonPassCategory.Failure, "Details: the shared server did not go away in 196 s"), 0);

    private readonly string _dir = Directory.CreateTempSubdirectory("stackmark-compare").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A run of the required compute tests: guest-access skips for the SSH tests, and per test what `outcome` says.
    private string WriteRun(string name, Func<PlannedTest, (TestStatus, NonPass?)?> outcome, IReadOnlyList<ClassError>? classErrors = null)
    {
        var g = InteropData.Load("2020.06.json");
        var query = new TestListQuery("compute", [CapabilityStatus.Required]);
        var plan = TestPlan.Create(g, query, Stackmark.Tempest.TempestListing.Parse(g.TestListLines(query with { IncludeAliases = false })));
        var results = plan.Tests.Select(p =>
        {
            var (status, nonPass) = outcome(p) ?? (p.Test.Name.Value.EndsWith("test_host_name_is_same_as_server_name", StringComparison.Ordinal) || p.Test.Name.Value.EndsWith("test_verify_created_server_vcpus", StringComparison.Ordinal)
                ? (TestStatus.Skipped, new NonPass(NonPassCategory.GuestAccess, "Instance validation tests are disabled. (guest validation is off: [validation] run_validation)"))
                : (TestStatus.Passed, null));
            return new RunTestResult(p, p.Resolved?.Value, status, nonPass, TimeSpan.FromSeconds(2));
        }).ToList();
        var report = ComplianceEvaluator.Evaluate(g, "compute", results.Select(r => r.ToOutcome()));
        var t0 = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var dir = Path.Combine(_dir, name);
        Directory.CreateDirectory(dir);
        using (var full = File.Create(Path.Combine(dir, RunEngine.Files.FullResults)))
        {
            FullResultsJson.Write(full, new RunSummary(g.Id, "compute", "cpid-1", t0, t0.AddMinutes(10), report.Compliant) { Verdict = report.Verdict }, results, classErrors);
        }

        File.WriteAllText(Path.Combine(dir, RunEngine.Files.ReportJson), ComplianceJson.ToJson(report));
        return dir;
    }

    private string Before(string name = "before", params ClassError[] classErrors) => WriteRun(name, p => p.Test.Name.Value.StartsWith(Metadata, StringComparison.Ordinal)
        ? (TestStatus.Skipped, new NonPass(NonPassCategory.TempestConfig, "Metadata is read-only on non-Xen-based deployments. (skipped by [compute-feature-enabled] xenapi_apis; --override compute-feature-enabled.xenapi_apis=true would run it)"))
        : null, [Shared, .. classErrors]);

    // B also had MultipleCreateTestJSON's tearDownClass race with real guests, which only it lists.
    private string After(string snapshotReason = "guest unreachable: SSH to cirros@10.77.0.23 timed out", string tearDownReason = "Details: Security group 5f0c is in use (SecurityGroupInUse)") => WriteRun("after", p => p.Test.Name.Value == Snapshot
        ? (TestStatus.Failed, new NonPass(NonPassCategory.Timeout, snapshotReason))
        : null, [Shared, TearDown(tearDownReason)]);

    private static ClassError TearDown(string reason) => new("tearDownClass", MultipleCreate, new NonPass(NonPassCategory.Failure, reason), 2);

    [Fact]
    public async Task A_run_compared_with_itself_is_identical_and_exits_0()
    {
        var before = Before();

        var (exit, output, _) = await Cli.RunAsync("compare", before, before);

        Assert.Equal(0, exit);
        Assert.Contains("IDENTICAL: no test status and no capability verdict differs", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_text_table_lists_each_changed_test_and_capability_with_both_sides_reasons_and_exits_1()
    {
        var (exit, output, _) = await Cli.RunAsync("compare", Before(), After());

        Assert.Equal(1, exit);
        Assert.Contains("DIFFERENT: 7 test(s) and 6 capabilities differ", output, StringComparison.Ordinal);
        Assert.Contains("Capabilities whose verdict differs", output, StringComparison.Ordinal);
        Assert.Contains("Tests whose status differs", output, StringComparison.Ordinal);
        // One table row per test: name, capability, each side's status and category.
        var metadataRow = output.Split('\n').First(l => l.Contains("test_list_server_metadata", StringComparison.Ordinal));
        Assert.Matches(@"ServerMetadataTestJSON\.test_list_server_metadata\s+compute-servers-metadata-list\s+skip \(tempest-config\)\s+pass\s*$", metadataRow);
        Assert.Matches(@"compute-images-create\s+fail \(0/2\)|compute-images-create\s+pass \(2/2\)\s+fail \(1/2\)", output);
        // The reasons follow, a line per side.
        Assert.Contains("    A: skip (tempest-config): Metadata is read-only on non-Xen-based deployments.", output, StringComparison.Ordinal);
        Assert.Contains($"  {Snapshot}\n    B: fail (timeout): guest unreachable: SSH to cirros@10.77.0.23 timed out", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_is_stable_and_names_both_sides_of_every_difference()
    {
        var (before, after) = (Before(), After());

        var (exit, output, _) = await Cli.RunAsync("compare", before, after, "--format", "json");
        var (_, again, _) = await Cli.RunAsync("compare", before, after, "--format", "json");

        Assert.Equal(1, exit);
        Assert.Equal(output, again);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(("stackmark-compare/1", false), (root.GetProperty("format").GetString(), root.GetProperty("identical").GetBoolean()));
        Assert.Equal((before, "2020.06", "compute", false), (root.GetProperty("a").GetProperty("run").GetString(), root.GetProperty("a").GetProperty("guideline").GetString(),
            root.GetProperty("a").GetProperty("target").GetString(), root.GetProperty("a").GetProperty("compliant").GetBoolean()));
        var tests = root.GetProperty("tests").EnumerateArray().ToList();
        Assert.Equal(7, tests.Count);
        Assert.Equal(tests.Select(t => t.GetProperty("name").GetString()).Order(StringComparer.Ordinal), tests.Select(t => t.GetProperty("name").GetString()));
        var snapshot = tests.Single(t => t.GetProperty("name").GetString() == Snapshot);
        Assert.Equal(("pass", JsonValueKind.Null), (snapshot.GetProperty("a").GetProperty("status").GetString(), snapshot.GetProperty("a").GetProperty("category").ValueKind));
        Assert.Equal(("fail", "timeout"), (snapshot.GetProperty("b").GetProperty("status").GetString(), snapshot.GetProperty("b").GetProperty("category").GetString()));
        var metadataList = root.GetProperty("capabilities").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "compute-servers-metadata-list");
        Assert.Equal(("fail", "pass"), (metadataList.GetProperty("a").GetProperty("verdict").GetString(), metadataList.GetProperty("b").GetProperty("verdict").GetString()));
    }

    [Fact]
    public async Task A_run_the_accounts_could_not_complete_is_incomplete_in_every_format_never_not_compliant()
    {
        var before = WriteRun("complete", _ => (TestStatus.Passed, null));
        var after = WriteRun("incomplete", p => p.Test.Name.Value == Snapshot
            ? (TestStatus.NotRun, new NonPass(NonPassCategory.Accounts, "not run: no account with the role admin"))
            : (TestStatus.Passed, null));

        var (_, json, _) = await Cli.RunAsync("compare", before, after, "--format", "json");
        var (_, markdown, _) = await Cli.RunAsync("compare", before, after, "--format", "markdown");
        var (_, html, _) = await Cli.RunAsync("compare", before, after, "--format", "html");

        using var doc = JsonDocument.Parse(json);
        Assert.Equal(("compliant", "incomplete"), (doc.RootElement.GetProperty("a").GetProperty("verdict").GetString(), doc.RootElement.GetProperty("b").GetProperty("verdict").GetString()));
        Assert.Contains($"| B | `{after}` | 2020.06 | compute | incomplete |", markdown, StringComparison.Ordinal);
        Assert.Contains("<td class=\"incomplete\">incomplete</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("not compliant", markdown + html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_html_page_is_standalone_and_escapes_what_the_runs_say()
    {
        var page = Path.Combine(_dir, "compare.html");

        var (exit, output, _) = await Cli.RunAsync("compare", Before(), After("<script>alert('x')</script> & more"), "--format", "html", "--out", page);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        var html = File.ReadAllText(page);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Tests whose status differs</h2>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_markdown_tables_name_each_difference_once_and_keep_pipes_inside_their_cells()
    {
        var (exit, output, _) = await Cli.RunAsync("compare", Before(), After("SSH | timed out\nafter 300 s"), "--format", "markdown");

        Assert.Equal(1, exit);
        var lines = output.Split('\n');
        Assert.Contains("**7 test(s) and 6 capabilities differ.**", lines);
        Assert.Contains($"| `{Snapshot}` | compute-images-create | pass | fail (timeout: SSH \\| timed out after 300 s) |", lines);
        Assert.Contains("| `compute-servers-metadata-list` | fail (0/1) | pass (1/1) |", lines);
        // Every table row has as many unescaped cell separators as its header.
        foreach (var table in output.Split("\n\n").Where(b => b.StartsWith('|')))
        {
            var rows = table.Trim('\n').Split('\n');
            var cells = Separators(rows[0]);
            Assert.All(rows, r => Assert.Equal(cells, Separators(r)));
        }
    }

    private static int Separators(string row) => System.Text.RegularExpressions.Regex.Matches(row, @"(?<!\\)\|").Count;

    [Fact]
    public async Task A_tearDownClass_error_only_in_B_is_listed_in_every_format_and_one_in_both_is_not()
    {
        const string Reason = "Details: <b>SecurityGroupInUse</b> | 'default' & in use";
        var (before, after) = (Before(), After(tearDownReason: Reason));
        var page = Path.Combine(_dir, "compare.html");

        var (exit, text, _) = await Cli.RunAsync("compare", before, after);
        var (_, json, _) = await Cli.RunAsync("compare", before, after, "--format", "json");
        _ = await Cli.RunAsync("compare", before, after, "--format", "html", "--out", page);
        var (_, markdown, _) = await Cli.RunAsync("compare", before, after, "--format", "markdown");

        // Not counted: the headline and the exit code are those of the tests and capabilities alone.
        Assert.Equal(1, exit);
        Assert.Contains("DIFFERENT: 7 test(s) and 6 capabilities differ", text, StringComparison.Ordinal);
        Assert.Contains("Class-level errors in one run only (not counted)", text, StringComparison.Ordinal);
        Assert.Matches($@"tearDownClass \({System.Text.RegularExpressions.Regex.Escape(MultipleCreate)}\)\s+absent\s+error \(failure\)", text);
        Assert.Contains($"  tearDownClass ({MultipleCreate})\n    B: failure: {Reason} (after its 2 planned test(s) finished: their results stand)", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        using var doc = JsonDocument.Parse(json);
        var listed = Assert.Single(doc.RootElement.GetProperty("class_errors").EnumerateArray());
        Assert.Equal(("tearDownClass", MultipleCreate, JsonValueKind.Null), (listed.GetProperty("fixture").GetString(), listed.GetProperty("scope").GetString(), listed.GetProperty("a").ValueKind));
        var b = listed.GetProperty("b");
        Assert.Equal(("failure", Reason, 2), (b.GetProperty("category").GetString(), b.GetProperty("reason").GetString(), b.GetProperty("planned_tests").GetInt32()));
        Assert.Equal("class_errors", doc.RootElement.EnumerateObject().Last().Name);

        var html = File.ReadAllText(page);
        Assert.Contains("<h2>Class-level errors in one run only (not counted)</h2>", html, StringComparison.Ordinal);
        Assert.Contains($"<tr><td><code>tearDownClass ({MultipleCreate})</code></td><td><em>absent</em></td><td>failure: Details: &lt;b&gt;SecurityGroupInUse&lt;/b&gt; | &#39;default&#39; &amp; in use (after its 2 planned test(s) finished: their results stand)</td></tr>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);

        Assert.Contains($"| `tearDownClass ({MultipleCreate})` | *absent* | failure: Details: <b>SecurityGroupInUse</b> \\| 'default' & in use (after its 2 planned test(s) finished: their results stand) |", markdown.Split('\n'));
        Assert.Contains("**7 test(s) and 6 capabilities differ.**", markdown.Split('\n'));

        // The module tear-down both runs had is in none of them.
        Assert.All(new[] { text, json, html, markdown }, output => Assert.DoesNotContain("test_server_actions", output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Runs_that_differ_only_in_class_errors_are_identical_and_exit_0_but_the_errors_are_printed()
    {
        var (before, again) = (Before(), Before("again", TearDown("Details: Security group 5f0c is in use")));

        var (exit, text, _) = await Cli.RunAsync("compare", before, again);
        var (jsonExit, json, _) = await Cli.RunAsync("compare", before, again, "--format", "json");
        var (_, markdown, _) = await Cli.RunAsync("compare", again, before, "--format", "markdown");

        Assert.Equal((0, 0), (exit, jsonExit));
        Assert.Contains("IDENTICAL: no test status and no capability verdict differs", text, StringComparison.Ordinal);
        Assert.Contains("Class-level errors in one run only (not counted)", text, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        Assert.True(doc.RootElement.GetProperty("identical").GetBoolean());
        Assert.Equal(JsonValueKind.Object, Assert.Single(doc.RootElement.GetProperty("class_errors").EnumerateArray()).GetProperty("b").ValueKind);
        // Swapped, the error is A's.
        Assert.Contains($"| `tearDownClass ({MultipleCreate})` | failure: Details: Security group 5f0c is in use (after its 2 planned test(s) finished: their results stand) | *absent* |", markdown.Split('\n'));
    }

    [Fact]
    public async Task Missing_directories_and_files_are_usage_errors_naming_the_path()
    {
        var before = Before();
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;
        File.WriteAllText(Path.Combine(empty, RunEngine.Files.FullResults), File.ReadAllText(Path.Combine(before, RunEngine.Files.FullResults)));

        var (noDir, _, noDirErr) = await Cli.RunAsync("compare", before, Path.Combine(_dir, "nowhere"));
        var (noFile, _, noFileErr) = await Cli.RunAsync("compare", empty, before);

        Assert.Equal((2, 2), (noDir, noFile));
        Assert.Contains($"{Path.Combine(_dir, "nowhere")}: no such run directory", noDirErr, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(empty, RunEngine.Files.ReportJson)} does not exist", noFileErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_file_is_a_usage_error_naming_file_line_and_json_path()
    {
        var after = After();
        var path = Path.Combine(after, RunEngine.Files.FullResults);
        var text = File.ReadAllText(path);
        var at = text.IndexOf("\"status\": \"fail\"", StringComparison.Ordinal);
        File.WriteAllText(path, text[..at] + "\"status\": \"exploded\"" + text[(at + "\"status\": \"fail\"".Length)..]);
        var line = text[..at].Count(c => c == '\n') + 1;

        var (exit, _, err) = await Cli.RunAsync("compare", Before(), after);

        Assert.Equal(2, exit);
        Assert.Matches($@"stackmark: error: {System.Text.RegularExpressions.Regex.Escape(path)}:{line} \$\.tests\[\d+\]\.status: ""status"" must be one of pass, fail, skip, not-run", err);
    }

    [Fact]
    public async Task A_malformed_class_error_is_a_usage_error_naming_file_line_and_json_path()
    {
        var after = After();
        var path = Path.Combine(after, RunEngine.Files.FullResults);
        var text = File.ReadAllText(path);
        var at = text.IndexOf("\"fixture\": \"tearDownClass\"", StringComparison.Ordinal);
        File.WriteAllText(path, text[..at] + "\"fixture\": [\"tearDownClass\"]" + text[(at + "\"fixture\": \"tearDownClass\"".Length)..]);
        var line = text[..at].Count(c => c == '\n') + 1;

        var (exit, _, err) = await Cli.RunAsync("compare", Before(), after);

        Assert.Equal(2, exit);
        Assert.Equal($"stackmark: error: {path}:{line} $.class_errors[1].fixture: \"fixture\" must be a non-empty string", err.Trim());
    }

    [Fact]
    public async Task Corrupted_run_files_give_a_comparison_or_a_clear_error_never_a_crash()
    {
        var (before, after) = (Before(), After());
        var files = new[] { Path.Combine(after, RunEngine.Files.FullResults), Path.Combine(after, RunEngine.Files.ReportJson) };
        var originals = files.Select(File.ReadAllBytes).ToArray();
        await Gen.Select(Gen.Int[0, 1], Gen.Double[0, 1], Gen.Byte, Gen.Int[0, 3]).SampleAsync(async (which, at, value, kind) =>
        {
            var valid = originals[which];
            var position = (int)(at * (valid.Length - 1));
            var bytes = kind switch
            {
                0 => valid[..position],
                1 => [.. valid[..position], value, .. valid[(position + 1)..]],
                2 => [.. valid[..position], .. valid[(position + 1)..]],
                _ => [.. valid[..position], value, .. valid[position..]],
            };
            await File.WriteAllBytesAsync(files[which], bytes);
            try
            {
                var (exit, _, err) = await Cli.RunAsync("compare", before, after, "--format", "json");

                Assert.True(exit is 0 or 1 or 2, $"exit {exit}: {err}");
                if (exit == 2)
                {
                    // The error names the file that was broken (or, for a guideline/target changed in full-results.json, the report that no longer matches it).
                    Assert.True(err.Contains(files[which], StringComparison.Ordinal) || err.Contains("differs from full-results.json", StringComparison.Ordinal), err);
                    Assert.StartsWith("stackmark: error: ", err, StringComparison.Ordinal);
                }
            }
            finally
            {
                await File.WriteAllBytesAsync(files[which], originals[which]);
            }
        }, iter: 150, threads: 1);
    }

    [Fact]
    public void The_documented_json_keys_are_the_ones_written()
    {
        var doc = File.ReadAllText(Path.Combine(InteropData.RepoRoot, "docs", "compare.md"));
        var record = RunRecord.Parse(Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(Before(), RunEngine.Files.FullResults))), "f",
            Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(Before(), RunEngine.Files.ReportJson))), "r").Value!;
        var classErrors = RunRecord.Parse(Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(After(), RunEngine.Files.FullResults))), "f",
            Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(Before(), RunEngine.Files.ReportJson))), "r").Value!.ClassErrors;
        var json = ComparisonJson.ToJson(RunComparison.Compare(record, record with
        {
            Compliant = !record.Compliant, Tests = record.Tests.Skip(1).ToList(), Capabilities = record.Capabilities.Skip(1).ToList(), ClassErrors = classErrors,
        }), "a", "b");
        Assert.Contains("\"planned_tests\":", json, StringComparison.Ordinal);

        foreach (var key in System.Text.RegularExpressions.Regex.Matches(json, "\"([a-z_]+)\":").Select(m => m.Groups[1].Value).Distinct())
        {
            // Documented as `key`, `a.key` or `….key`.
            Assert.Matches($"[`.]{key}`", doc);
        }
    }
}

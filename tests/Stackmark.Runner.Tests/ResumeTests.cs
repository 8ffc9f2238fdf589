using System.Text.Json;
using CsCheck;
using Stackmark.Runner.Tests.Support;
using Stackmark.Subunit;
using Stackmark.Tests.Support;

namespace Stackmark.Runner.Tests;

/// <summary>Interrupted runs and <c>--resume</c>: what a stop leaves, what a resume runs, and that the merge describes the whole run.</summary>
public sealed class ResumeTests : IDisposable
{
    private static readonly string[] Listed =
    [
        $"{Some.ListFlavors}[id-{Some.ListId},smoke]",
        $"{Some.CreateServer}[id-{Some.CreateId}]",
        $"{Some.HostName}[id-{Some.FlaggedId}]",
        $"{Some.CreateContainer}[id-{Some.ObjectId}]",
    ];

    // The compute target plans the first three (the container test is object storage's).
    private const int Planned = 3;

    private static readonly CloudFacts Facts = new("devcloud", "identity_service_id", ["nova"], false, [], []);

    private readonly string _dir = Directory.CreateTempSubdirectory("stackmark-resume").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RunRequest Request(string sub) =>
        new(Some.Guideline(), new TestListQuery("compute", [CapabilityStatus.Required]), Path.Combine(_dir, sub), "[identity]\n", "[identity]\n", null, "cpid-1", 2, null, Facts,
            TimeSpan.FromSeconds(60), Origin: new RunOrigin("/guidelines", "/usr/bin/tempest"));

    private static Task<RunOutcome> Run(ITempestRunner tempest, RunRequest request, RunStop? stop = null, CancellationToken ct = default) =>
        new RunEngine(tempest, TimeProvider.System, stop).ExecuteAsync(request, plan => new RunProgress(plan), ct);

    private static async Task<RunOutcome> Resume(ITempestRunner tempest, RunRequest first)
    {
        var saved = SavedRun.Read(first.OutputDirectory);
        var request = first with { Resume = saved, Facts = null };
        var engine = new RunEngine(tempest, TimeProvider.System);
        return await engine.ExecuteAsync(request, await engine.ReopenAsync(first.OutputDirectory, CancellationToken.None), plan => new RunProgress(plan), CancellationToken.None);
    }

    // A scripted Tempest that stops after `after` tests, with the next one started, and is then stopped as a signal would.
    private static (ScriptedTempest Tempest, RunStop Stop) Interrupting(int after, string cause = "SIGTERM")
    {
        var stop = new RunStop();
        var tempest = new ScriptedTempest(Listed) { HangAfter = after, HangInTest = true };
        tempest.OnHang = () => stop.Request(cause, DateTimeOffset.UtcNow);
        return (tempest, stop);
    }

    [Fact]
    public async Task A_stopped_run_records_its_cause_and_a_started_test_is_interrupted_not_failed()
    {
        var (tempest, stop) = Interrupting(1);
        using (stop)
        {
            var outcome = await Run(tempest, Request("run"), stop, stop.Graceful);

            Assert.True(outcome.Interrupted);
            var started = outcome.Results.Single(r => r.Planned.Test.Name.Value == Some.CreateServer);
            Assert.Equal((TestStatus.NotRun, new NonPass(NonPassCategory.Interrupted, "started but not finished: the run was interrupted")), (started.Status, started.NonPass));
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "run", RunEngine.Files.Manifest)));
            var interruption = manifest.RootElement.GetProperty("interruption");
            Assert.Equal(("SIGTERM", false), (interruption.GetProperty("cause").GetString(), interruption.GetProperty("forced").GetBoolean()));
            Assert.Equal(2, manifest.RootElement.GetProperty("concurrency").GetInt32());
            Assert.Equal("/guidelines", manifest.RootElement.GetProperty("guideline_source").GetString());
        }
    }

    [Fact]
    public async Task A_keyboard_interrupt_is_the_stop_when_the_run_was_interrupted_and_a_failure_otherwise()
    {
        const string Traceback = "Traceback (most recent call last):\n  File \"x.py\", line 3, in test_create_server\n    time.sleep(5)\nKeyboardInterrupt";
        var (tempest, stop) = Interrupting(2);
        tempest.Script[$"{Some.CreateServer}[id-{Some.CreateId}]"] = (SubunitStatus.Fail, Traceback);
        using (stop)
        {
            var stopped = await Run(tempest, Request("stopped"), stop, stop.Graceful);
            var plain = new ScriptedTempest(Listed);
            plain.Script[$"{Some.CreateServer}[id-{Some.CreateId}]"] = (SubunitStatus.Fail, Traceback);
            var whole = await Run(plain, Request("whole"));

            Assert.Equal(NonPassCategory.Interrupted, stopped.Results.Single(r => r.Planned.Test.Name.Value == Some.CreateServer).NonPass!.Category);
            Assert.Equal(NonPassCategory.Failure, whole.Results.Single(r => r.Planned.Test.Name.Value == Some.CreateServer).NonPass!.Category);
        }
    }

    [Fact]
    public async Task A_resume_runs_only_the_tests_without_a_result_and_its_outputs_describe_the_whole_run()
    {
        var (tempest, stop) = Interrupting(1);
        using (stop)
        {
            await Run(tempest, Request("run"), stop, stop.Graceful);
        }

        var again = new ScriptedTempest(Listed);
        var resumed = await Resume(again, Request("run"));
        var whole = await Run(new ScriptedTempest(Listed), Request("whole"));

        // The finished test is not run again; the started one and the ones never reached are.
        Assert.Equal([$"{Some.CreateServer}[id-{Some.CreateId}]", $"{Some.HostName}[id-{Some.FlaggedId}]"], Assert.Single(again.Runs));
        Assert.False(resumed.Interrupted);
        Assert.Equal(Statuses(whole), Statuses(resumed));
        Assert.True(resumed.Summary.Compliant);
        Assert.All(resumed.Results, r => Assert.Equal(1, r.Attempts));
        var dir = Path.Combine(_dir, "run");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, RunEngine.Files.Manifest)));
        var m = manifest.RootElement;
        Assert.False(m.GetProperty("interrupted").GetBoolean());
        Assert.False(m.TryGetProperty("interruption", out _));
        Assert.Equal(1, m.GetProperty("resumes").GetInt32());
        var parts = m.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal([(1, true, "subunit.v2", "test-list.txt", Planned), (2, false, "subunit.2.v2", "test-list.2.txt", 2)],
            parts.Select(p => (p.GetProperty("number").GetInt32(), p.GetProperty("interrupted").GetBoolean(), p.GetProperty("subunit").GetString(), p.GetProperty("load_list").GetString(), p.GetProperty("tests_run").GetInt32())));
        Assert.Equal("SIGTERM", parts[0].GetProperty("interruption").GetProperty("cause").GetString());
        // What only the first part could say (discovery) is carried; each part's stream is kept and hashed.
        Assert.Equal("devcloud", m.GetProperty("cloud").GetProperty("name").GetString());
        Assert.Equal(64, m.GetProperty("sha256").GetProperty("subunit.2.v2").GetString()!.Length);
        await using (var first = File.OpenRead(Path.Combine(dir, "subunit.v2")))
        {
            Assert.Equal(1, (await SubunitTestResults.ReadAsync(first)).Passed);
        }

        using var full = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, RunEngine.Files.FullResults)));
        Assert.All(full.RootElement.GetProperty("tests").EnumerateArray(), t => Assert.Equal("pass", t.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_resumed_run_stopped_again_resumes_again_and_a_complete_run_runs_nothing()
    {
        var (first, stop1) = Interrupting(0);
        using (stop1)
        {
            await Run(first, Request("run"), stop1, stop1.Graceful);
        }

        var (second, stop2) = Interrupting(1, "SIGINT");
        using (stop2)
        {
            var saved = SavedRun.Read(Path.Combine(_dir, "run"));
            var engine = new RunEngine(second, TimeProvider.System, stop2);
            var partial = await engine.ExecuteAsync(Request("run") with { Resume = saved, Facts = null }, await engine.ReopenAsync(Path.Combine(_dir, "run"), CancellationToken.None), p => new RunProgress(p), stop2.Graceful);
            Assert.True(partial.Interrupted);
        }

        var third = new ScriptedTempest(Listed);
        var done = await Resume(third, Request("run"));
        var fourth = new ScriptedTempest(Listed);
        var nothing = await Resume(fourth, Request("run"));

        Assert.Equal([Planned, Planned, Planned - 1], new[] { first.Runs, second.Runs, third.Runs }.Select(r => Assert.Single(r).Count));
        Assert.True(done.Summary.Compliant);
        Assert.Equal(3, done.Parts!.Count);
        Assert.Empty(fourth.Runs);
        Assert.Equal(Statuses(done), Statuses(nothing));
    }

    [Fact]
    public async Task Interrupted_anywhere_then_resumed_gives_the_same_results_as_an_uninterrupted_run()
    {
        var statuses = new[] { SubunitStatus.Success, SubunitStatus.Fail, SubunitStatus.Skip };
        var n = 0;
        await Gen.Select(Gen.Int[0, 2].Array[Listed.Length], Gen.Int[0, Planned - 1], Gen.Bool).SampleAsync(async (script, after, inTest) =>
        {
            var sub = $"p{Interlocked.Increment(ref n)}";
            void Apply(ScriptedTempest t)
            {
                for (var i = 0; i < Listed.Length; i++)
                {
                    t.Script[Listed[i]] = (statuses[script[i]], script[i] == 0 ? null : "AssertionError: scripted");
                }
            }

            var whole = new ScriptedTempest(Listed);
            Apply(whole);
            var expected = await Run(whole, Request(sub + "w"));
            var (stopped, stop) = Interrupting(after);
            stopped.HangInTest = inTest;
            Apply(stopped);
            using (stop)
            {
                await Run(stopped, Request(sub), stop, stop.Graceful);
            }

            var rest = new ScriptedTempest(Listed);
            Apply(rest);
            var resumed = await Resume(rest, Request(sub));

            Assert.Equal(Statuses(expected), Statuses(resumed));
            Assert.Equal(expected.Report.Compliant, resumed.Report.Compliant);
            Assert.Equal(Planned - after, Assert.Single(rest.Runs).Count);
        }, iter: 40, threads: 1);
    }

    [Fact]
    public void A_broken_manifest_is_one_error_naming_the_file_and_line()
    {
        var dir = Path.Combine(_dir, "broken");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, RunEngine.Files.Manifest), "{\n  \"guideline\": \"2099.01\",\n  \"target\": 7\n}");

        var e = Assert.Throws<InvalidDataException>(() => SavedRun.Read(dir));

        Assert.StartsWith($"{Path.Combine(dir, RunEngine.Files.Manifest)} at $.target, line 3: not a Stackmark manifest", e.Message, StringComparison.Ordinal);
    }

    private static List<(string, TestStatus, NonPassCategory?)> Statuses(RunOutcome outcome) =>
        [.. outcome.Results.Select(r => (r.Planned.Test.Name.Value, r.Status, r.NonPass?.Category))];
}

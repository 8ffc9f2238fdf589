using System.Text;
using CsCheck;

namespace Stackmark.Tests.Runs;

/// <summary>
/// Reading a run's full-results.json and report.json, and comparing two runs. (The CLI's tests compare run
/// directories written by the runner's own writers; here the documents are small and hand-made.)
/// </summary>
public sealed class RunComparisonTests
{
    private const string Metadata = "tempest.api.compute.servers.test_server_metadata.ServerMetadataTestJSON.test_list_server_metadata";
    private const string HostName = "tempest.api.compute.servers.test_create_server.ServersTestJSON.test_host_name_is_same_as_server_name";
    private const string Flavors = "tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON.test_list_flavors";

    private const string MultipleCreate = "tempest.api.compute.servers.test_multiple_create.MultipleCreateTestJSON";

    // A class-level error both runs share by default, so every test (the fuzzing ones too) reads a class_errors entry.
    private const string SetUpError = $$"""{"fixture": "setUpClass", "scope": "tempest.api.compute.servers.test_create_server.ServersTestJSON", "category": "failure", "reason": "Details: Quota exceeded for instances", "planned_tests": 1, "effect": "its 1 planned test(s) did not run and carry this reason", "counted": false}""";

    private const string TearDownError = $$"""{"fixture": "tearDownClass", "scope": "{{MultipleCreate}}", "category": "failure", "reason": "Details: <SecurityGroupInUse> | in use", "planned_tests": 2, "effect": "after its 2 planned test(s) finished: their results stand", "counted": false}""";

    private static string Full(string metadataStatus = "skip", string hostStatus = "skip", string extra = "", string classErrors = SetUpError) => $$"""
        {
          "guideline": "2020.06",
          "target": "compute",
          "cpid": "c1",
          "compliant": false,
          "counts": {"planned": 3},
          "tests": [
            {"name": "{{Flavors}}", "idempotent_id": "e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59", "capability": "compute-flavors-list", "capability_status": "required", "flagged": false, "tempest_id": null, "resolved_by": "idempotent_id", "status": "pass", "attempts": 1},
            {"name": "{{Metadata}}", "idempotent_id": "479da087-92b3-4dcf-aeb3-fd293b2d14ce", "capability": "compute-servers-metadata-list", "capability_status": "required", "flagged": false, "status": "{{metadataStatus}}", "category": "tempest-config", "reason": "Metadata is read-only on non-Xen-based deployments."},
            {"name": "{{HostName}}", "idempotent_id": "ac1ad47f-984b-4441-9274-c9079b7a0666", "capability": "compute-servers-host", "capability_status": "required", "flagged": false, "status": "{{hostStatus}}", "category": "guest-access", "reason": "Instance validation tests are disabled."}{{extra}}
          ],
          "class_errors": [
            {{classErrors}}
          ]
        }
        """;

    private static string Report(string metadataVerdict = "fail", string hostVerdict = "fail") => $$"""
        {
          "guideline": "2020.06",
          "target": "compute",
          "program": "OpenStack Powered Compute",
          "compliant": false,
          "capabilities": [
            {"id": "compute-flavors-list", "status": "required", "verdict": "pass", "defined": true, "tests": 1, "passed": 1, "flagged": 0, "failing": []},
            {"id": "compute-servers-metadata-list", "status": "required", "verdict": "{{metadataVerdict}}", "defined": true, "tests": 1, "passed": {{(metadataVerdict == "pass" ? 1 : 0)}}, "flagged": 0, "failing": []},
            {"id": "compute-servers-host", "status": "required", "verdict": "{{hostVerdict}}", "defined": true, "tests": 1, "passed": {{(hostVerdict == "pass" ? 1 : 0)}}, "flagged": 0, "failing": []}
          ]
        }
        """;

    private static RunRecord Record(string full, string report)
    {
        var result = RunRecord.Parse(Encoding.UTF8.GetBytes(full), "a/full-results.json", Encoding.UTF8.GetBytes(report), "a/report.json");
        Assert.True(result.Success, result.ToString());
        return result.Value!;
    }

    [Fact]
    public void A_run_compared_with_itself_is_identical()
    {
        var run = Record(Full(), Report());

        var c = RunComparison.Compare(run, run);

        Assert.True(c.Identical);
        Assert.Empty(c.Notes);
        Assert.Equal(3, run.Tests.Count);
        Assert.Equal((TestStatus.Skipped, "tempest-config"), (run.Tests[1].Status, run.Tests[1].Category));
    }

    [Fact]
    public void A_file_without_a_verdict_reads_it_from_compliant_and_an_incomplete_one_keeps_what_would_complete_it()
    {
        var old = Record(Full(), Report());
        Assert.Equal(ComplianceVerdict.NotCompliant, old.Verdict);
        Assert.Empty(old.ToComplete);

        var incomplete = Record(
            Full().Replace("\"compliant\": false,", "\"compliant\": false, \"verdict\": \"incomplete\", \"to_complete\": [\"2 tests need an account with role ResellerAdmin\"],", StringComparison.Ordinal),
            Report(hostVerdict: "incomplete"));
        Assert.Equal(ComplianceVerdict.Incomplete, incomplete.Verdict);
        Assert.Equal(["2 tests need an account with role ResellerAdmin"], incomplete.ToComplete);
        Assert.Equal(("incomplete", false, true), (incomplete.Capabilities[2].Verdict, incomplete.Capabilities[2].Pass, incomplete.Capabilities[2].Incomplete));

        // Incomplete and not compliant differ, for the run and for the capability.
        var c = RunComparison.Compare(old, incomplete);
        Assert.Equal(["run A is not compliant, run B is incomplete"], c.Notes);
        Assert.Equal(("compute-servers-host", "fail", "incomplete"), (c.Capabilities.Single().Id.Value, c.Capabilities.Single().A!.Verdict, c.Capabilities.Single().B!.Verdict));
    }

    [Fact]
    public void Status_changes_are_listed_with_both_sides_and_the_capabilities_that_flipped()
    {
        var before = Record(Full(), Report());
        var after = Record(Full(metadataStatus: "pass"), Report(metadataVerdict: "pass"));

        var c = RunComparison.Compare(before, after);

        Assert.False(c.Identical);
        var t = Assert.Single(c.Tests);
        Assert.Equal((Metadata, TestStatus.Skipped, TestStatus.Passed), (t.Name.Value, t.A!.Status, t.B!.Status));
        Assert.Equal("Metadata is read-only on non-Xen-based deployments.", t.A.Reason);
        Assert.Equal(["compute-servers-metadata-list"], t.Capabilities.Select(x => x.Value));
        var cap = Assert.Single(c.Capabilities);
        Assert.Equal(("compute-servers-metadata-list", "fail", "pass"), (cap.Id.Value, cap.A!.Verdict, cap.B!.Verdict));
    }

    [Fact]
    public void A_changed_reason_with_the_same_status_is_not_a_difference()
    {
        var a = Record(Full(), Report());
        var b = Record(Full().Replace("Instance validation tests are disabled.", "another wording", StringComparison.Ordinal), Report());

        Assert.True(RunComparison.Compare(a, b).Identical);
    }

    [Fact]
    public void Tests_pair_by_idempotent_id_across_a_rename_and_tests_of_one_side_only_are_listed()
    {
        var renamed = Full(extra: """
            ,
                {"name": "tempest.api.compute.keypairs.test_keypairs.KeyPairsV2TestJSON.test_keypair_create_delete", "capability": "compute-keypairs-create", "status": "pass"}
            """).Replace(Flavors, "tempest.api.compute.flavors.test_flavors.FlavorsTestJSON.test_list_flavors", StringComparison.Ordinal);

        var c = RunComparison.Compare(Record(Full(), Report()), Record(renamed, Report()));

        var only = Assert.Single(c.Tests);
        Assert.Null(only.A);
        Assert.Equal(TestStatus.Passed, only.B!.Status);
        Assert.EndsWith("test_keypair_create_delete", only.Name.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_of_different_guidelines_are_compared_with_a_note()
    {
        var b = Record(Full().Replace("2020.06", "2019.11", StringComparison.Ordinal), Report().Replace("2020.06", "2019.11", StringComparison.Ordinal));

        var c = RunComparison.Compare(Record(Full(), Report()), b);

        Assert.True(c.Identical);
        Assert.Contains("different guidelines (2020.06 and 2019.11)", Assert.Single(c.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void Class_errors_are_read_and_one_in_a_single_run_is_listed_apart_without_making_the_runs_different()
    {
        var a = Record(Full(), Report());
        var b = Record(Full(classErrors: SetUpError + ",\n" + TearDownError), Report());

        var c = RunComparison.Compare(a, b);

        Assert.Equal(("setUpClass", "failure", "Details: Quota exceeded for instances", 1), (a.ClassErrors[0].Fixture, a.ClassErrors[0].Category, a.ClassErrors[0].Reason, a.ClassErrors[0].PlannedTests));
        // The setUpClass error both runs had is not a difference; the tearDownClass one only B had is.
        var d = Assert.Single(c.ClassErrors);
        Assert.Equal(("tearDownClass", MultipleCreate, null), (d.Fixture, d.Scope, d.A));
        Assert.Equal(($"tearDownClass ({MultipleCreate})", "Details: <SecurityGroupInUse> | in use", "after its 2 planned test(s) finished: their results stand"), (d.Id, d.B!.Reason, d.B.Effect));
        // Never counted: statuses and verdicts decide.
        Assert.True(c.Identical);
        Assert.Empty(RunComparison.Compare(b, b).ClassErrors);
        Assert.Null(Assert.Single(RunComparison.Compare(b, a).ClassErrors).B);
    }

    [Fact]
    public void A_changed_reason_of_a_class_error_both_runs_had_is_not_a_difference()
    {
        var b = Record(Full(classErrors: SetUpError.Replace("Quota exceeded", "another wording", StringComparison.Ordinal)), Report());

        Assert.Empty(RunComparison.Compare(Record(Full(), Report()), b).ClassErrors);
    }

    [Fact]
    public void A_file_written_before_class_errors_were_listed_is_read_as_having_none()
    {
        var old = Full().Replace($",\n  \"class_errors\": [\n    {SetUpError}\n  ]", "", StringComparison.Ordinal);
        Assert.DoesNotContain("class_errors", old, StringComparison.Ordinal);

        var c = RunComparison.Compare(Record(old, Report()), Record(Full(), Report()));

        Assert.Empty(c.A.ClassErrors);
        Assert.Null(Assert.Single(c.ClassErrors).A);
    }

    [Theory]
    [InlineData("full", "\"status\": \"skip\", \"category\": \"tempest-config\"", "\"status\": \"skipped\", \"category\": \"tempest-config\"", "$.tests[1].status", 9, "\"status\" must be one of pass, fail, skip, not-run")]
    [InlineData("full", "\"idempotent_id\": \"479da087-92b3-4dcf-aeb3-fd293b2d14ce\"", "\"idempotent_id\": 42", "$.tests[1].idempotent_id", 9, "\"idempotent_id\" must be a UUID")]
    [InlineData("full", "\"tests\": [", "\"tests\": {\"x\": [", "$", 0, "not valid JSON")]
    [InlineData("full", "\"fixture\": \"setUpClass\"", "\"fixture\": 7", "$.class_errors[0].fixture", 13, "\"fixture\" must be a non-empty string")]
    [InlineData("full", "\"fixture\": \"setUpClass\"", "\"fixture\": \"setUp\"", "$.class_errors[0].fixture", 13, "\"fixture\" must be one of setUpClass, tearDownClass, setUpModule, tearDownModule")]
    [InlineData("full", "\"planned_tests\": 1", "\"planned_tests\": -1", "$.class_errors[0].planned_tests", 13, "\"planned_tests\" must be a whole number")]
    [InlineData("full", "\"reason\": \"Details: Quota", "\"reason\": [\"Details: Quota\"], \"x\": \"", "$.class_errors[0].reason", 13, "\"reason\" must be a string when present")]
    [InlineData("full", "\"class_errors\": [", "\"class_errors\": 5, \"later\": [", "$.class_errors", 12, "\"class_errors\" must be a list of class-level errors when present")]
    [InlineData("full", "\"class_errors\": [", "\"class_errors\": [\"setUpClass (x.Y)\",", "$.class_errors[0]", 12, "expected a class-level error object, found string")]
    [InlineData("report", "\"passed\": 1, \"flagged\"", "\"passed\": 7, \"flagged\"", "$.capabilities[0].passed", 7, "\"passed\" (7) is more than \"tests\" (1)")]
    [InlineData("report", "\"guideline\": \"2020.06\"", "\"guideline\": \"2019.11\"", "$.guideline", 2, "guideline 2019.11 differs from full-results.json's 2020.06")]
    [InlineData("report", "\"verdict\": \"pass\"", "\"verdict\": true", "$.capabilities[0].verdict", 7, "\"verdict\" must be a non-empty string")]
    [InlineData("report", "\"verdict\": \"pass\"", "\"verdict\": \"skipped\"", "$.capabilities[0].verdict", 7, "\"verdict\" must be pass, fail or incomplete")]
    [InlineData("full", "\"compliant\": false,", "\"compliant\": false, \"verdict\": \"maybe\",", "$.verdict", 5, "\"verdict\" must be one of compliant, not-compliant, incomplete")]
    [InlineData("full", "\"compliant\": false,", "\"compliant\": false, \"verdict\": \"compliant\",", "$.verdict", 5, "\"verdict\" compliant contradicts \"compliant\": false")]
    [InlineData("full", "\"compliant\": false,", "\"compliant\": false, \"to_complete\": \"add an account\",", "$.to_complete", 5, "\"to_complete\" must be a list of strings when present")]
    [InlineData("full", "\"compliant\": false,", "\"compliant\": false, \"to_complete\": [\"\"],", "$.to_complete[0]", 5, "\"to_complete\" must list non-empty strings")]
    public void Bad_input_is_an_error_naming_file_json_path_and_line(string which, string find, string replace, string path, int line, string message)
    {
        var full = Full();
        var report = Report();
        if (which == "full")
        {
            full = full.Replace(find, replace, StringComparison.Ordinal);
        }
        else
        {
            report = report.Replace(find, replace, StringComparison.Ordinal);
        }

        var result = RunRecord.Parse(Encoding.UTF8.GetBytes(full), "a/full-results.json", Encoding.UTF8.GetBytes(report), "a/report.json");

        Assert.False(result.Success);
        Assert.Equal(which == "full" ? "a/full-results.json" : "a/report.json", result.Location!.File);
        Assert.StartsWith(path, result.Location.JsonPath, StringComparison.Ordinal);
        if (line > 0)
        {
            Assert.Equal(line, result.Location.Line);
        }

        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutated_files_give_a_run_or_a_located_error_never_an_exception()
    {
        var files = new[] { Encoding.UTF8.GetBytes(Full()), Encoding.UTF8.GetBytes(Report()) };
        Gen.Select(Gen.Int[0, 1], Gen.Double[0, 1], Gen.Byte, Gen.Int[0, 3]).Sample((which, at, value, kind) =>
        {
            var valid = files[which];
            var position = (int)(at * (valid.Length - 1));
            var bytes = kind switch
            {
                0 => valid[..position],
                1 => [.. valid[..position], value, .. valid[(position + 1)..]],
                2 => [.. valid[..position], .. valid[(position + 1)..]],
                _ => [.. valid[..position], value, .. valid[position..]],
            };
            var full = which == 0 ? bytes : files[0];
            var report = which == 1 ? bytes : files[1];

            var result = RunRecord.Parse(full, "full-results.json", report, "report.json");

            if (!result.Success)
            {
                // A mutated guideline or target in full-results.json is caught as the report's mismatch.
                Assert.True(result.Location!.File == (which == 0 ? "full-results.json" : "report.json") || result.Error!.Contains("differs from full-results.json", StringComparison.Ordinal), result.ToString());
                Assert.StartsWith("$", result.Location.JsonPath, StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(result.Error));
            }
        }, iter: 3000);
    }

    [Fact]
    public void Any_values_in_a_class_error_give_a_run_or_an_error_located_in_class_errors()
    {
        // Structure-aware, where byte mutation rarely reaches: every key of an entry missing, mistyped or out of range.
        var value = Gen.OneOf("null", "true", "0", "-1", "2.5", "1e400", "99999999999", "\"\"", "\"x\"", "\"setUpClass\"", "\"tearDownModule\"", "[]", "{}", "[1, {}]", "{\"fixture\": 1}");
        var member = Gen.Select(Gen.Bool, value);
        var keys = new[] { "fixture", "scope", "category", "reason", "planned_tests", "effect", "counted" };
        var entry = member.Array[keys.Length].Select(ms => "{" + string.Join(", ", keys.Zip(ms).Where(m => m.Second.Item1).Select(m => $"\"{m.First}\": {m.Second.Item2}")) + "}");
        var item = Gen.Frequency((4, entry), (1, value));
        Gen.Select(item.Array[0, 3], Gen.Bool).Sample((items, listed) =>
        {
            var full = Full(classErrors: string.Join(",\n", items));
            if (!listed)
            {
                full = full.Replace("\"class_errors\": [", "\"class_errors\": " + (items.Length > 0 ? items[0] : "null") + ", \"unused\": [", StringComparison.Ordinal);
            }

            var result = RunRecord.Parse(Encoding.UTF8.GetBytes(full), "full-results.json", Encoding.UTF8.GetBytes(Report()), "report.json");

            if (result.Success)
            {
                Assert.All(result.Value!.ClassErrors, e => Assert.False(string.IsNullOrEmpty(e.Fixture) || string.IsNullOrEmpty(e.Scope) || e.PlannedTests < 0));
            }
            else
            {
                Assert.Equal("full-results.json", result.Location!.File);
                Assert.StartsWith("$.class_errors", result.Location.JsonPath, StringComparison.Ordinal);
                Assert.True(result.Location.Line >= 12, result.ToString());
                Assert.False(string.IsNullOrWhiteSpace(result.Error));
            }
        }, iter: 2000);
    }

    [Fact]
    public void Arbitrary_bytes_never_crash_the_reader()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            var result = RunRecord.Parse(bytes, "full-results.json", Encoding.UTF8.GetBytes(Report()), "report.json");
            return result.Success || result.Location!.File == "full-results.json";
        }, iter: 2000);
    }
}

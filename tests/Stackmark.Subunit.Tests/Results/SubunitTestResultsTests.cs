using Stackmark.Subunit.Tests.Support;

namespace Stackmark.Subunit.Tests.Results;

public sealed class SubunitTestResultsTests
{
    [Fact]
    public void Results_fold_inprogress_attachments_and_final_status_into_one_test()
    {
        var results = new SubunitTestResults();
        var id = Some.TempestId(1);

        results.Add(new SubunitEvent { TestId = id, Status = SubunitStatus.InProgress, Timestamp = Some.Start, Tags = ["worker-0"] });
        results.Add(Some.Attachment(id, "traceback", "Traceback (most recent call last):\n") with { Eof = false });
        results.Add(Some.Attachment(id, "traceback", "AssertionError\n"));
        results.Add(new SubunitEvent { TestId = id, Status = SubunitStatus.Fail, Timestamp = Some.Start.AddSeconds(2.5), Tags = ["smoke"] });

        var test = Assert.Single(results.Tests);
        Assert.Equal(SubunitStatus.Fail, test.Status);
        Assert.Equal(TimeSpan.FromSeconds(2.5), test.Duration);
        Assert.Equal(["smoke", "worker-0"], test.Tags);
        var traceback = Assert.Single(test.Attachments);
        Assert.Equal("Traceback (most recent call last):\nAssertionError\n", traceback.Text);
        Assert.True(traceback.Complete);
        Assert.Equal((1, 0, 1, 0), (results.Total, results.Passed, results.Failed, results.Skipped));
    }

    [Fact]
    public void Results_leave_a_test_that_never_finished_in_progress_and_count_it_failed_like_subunit_stats()
    {
        var results = new SubunitTestResults();

        results.Add(new SubunitEvent { TestId = "t", Status = SubunitStatus.InProgress, Timestamp = Some.Start });

        Assert.Equal(SubunitStatus.InProgress, results.Tests[0].Status);
        Assert.Null(results.Tests[0].Duration);
        Assert.Equal((1, 1), (results.Total, results.Failed));
    }

    [Fact]
    public void Results_keep_the_latest_outcome_of_a_retried_test()
    {
        var results = new SubunitTestResults();

        results.Add(new SubunitEvent { TestId = "t", Status = SubunitStatus.Fail });
        results.Add(new SubunitEvent { TestId = "t", Status = SubunitStatus.Success });

        Assert.Equal(SubunitStatus.Success, Assert.Single(results.Tests).Status);
    }

    [Fact]
    public async Task Results_count_parser_failures_as_a_failed_test_and_stray_output_as_output()
    {
        var bytes = await Some.BytesAsync([new SubunitEvent { TestId = "t", Status = SubunitStatus.Success }]);

        var results = await SubunitTestResults.ReadAsync(new MemoryStream([.. "boot noise"u8, .. bytes, 0xB3, 0x29]));

        Assert.True(results.TryGetValue(SubunitEvent.ParserTestId, out var parser));
        Assert.Equal(SubunitStatus.Fail, parser.Status);
        Assert.Contains("byte offset", parser.Attachment(SubunitEvent.ParserErrorFileName)!.Text, StringComparison.Ordinal);
        Assert.Equal("boot noise", Assert.Single(results.Output).Text);
        Assert.Equal((2, 1, 1), (results.Total, results.Passed, results.Failed));
    }
}

namespace Stackmark.Subunit;

/// <summary>Folds a stream of <see cref="SubunitEvent"/>s into one <see cref="SubunitTestResult"/> per test id.</summary>
/// <remarks>
/// <para>
/// Events without a test id (stray output, run-level attachments) go to <see cref="Output"/>. Parser failures are the
/// test <see cref="SubunitEvent.ParserTestId"/>, failed, as python-subunit's tools count them. A test seen again after
/// finishing (a retry) keeps one entry whose status is the latest.
/// </para>
/// <para>
/// The counts follow <c>subunit-stats</c> (python-subunit's <c>TestResultStats</c>) for a complete stream:
/// <see cref="Total"/> counts finished tests plus tests still in progress, <see cref="Failed"/> counts fail plus
/// in progress (testtools reports a test that never finished as an error), <see cref="Skipped"/> counts skip, and
/// <see cref="Passed"/> is the rest (success, xfail and uxsuccess). Not thread-safe while adding.
/// </para>
/// </remarks>
public sealed class SubunitTestResults
{
    private readonly Dictionary<string, SubunitTestResult> _byId = new(StringComparer.Ordinal);
    private readonly List<SubunitTestResult> _tests = [];
    private readonly List<SubunitAttachment> _output = [];

    /// <summary>The tests in order of first appearance.</summary>
    public IReadOnlyList<SubunitTestResult> Tests => _tests;

    /// <summary>Attachments not tied to a test, such as stray runner output (<c>stdout</c>), one per chunk.</summary>
    public IReadOnlyList<SubunitAttachment> Output => _output;

    /// <summary>The number of tests run: finished or still in progress.</summary>
    public int Total => _tests.Count(t => t.IsFinished || t.Status == SubunitStatus.InProgress);

    /// <summary>The number of tests that failed or never finished.</summary>
    public int Failed => CountOf(SubunitStatus.Fail) + CountOf(SubunitStatus.InProgress);

    /// <summary>The number of skipped tests.</summary>
    public int Skipped => CountOf(SubunitStatus.Skip);

    /// <summary>Finished tests that neither failed nor were skipped.</summary>
    public int Passed => Total - Failed - Skipped;

    /// <summary>Every tag seen on any test, sorted ordinally.</summary>
    public IReadOnlyList<string> SeenTags => [.. _tests.SelectMany(t => t.Tags).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Reads <paramref name="stream"/> to its end and folds every event.</summary>
    /// <param name="stream">A subunit v2 stream; left open.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The folded results.</returns>
    public static async Task<SubunitTestResults> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var results = new SubunitTestResults();
        await foreach (var e in SubunitReader.ReadAllAsync(stream, cancellationToken).ConfigureAwait(false))
        {
            results.Add(e);
        }

        return results;
    }

    /// <summary>The number of tests whose latest status is <paramref name="status"/>.</summary>
    /// <param name="status">The status to count.</param>
    /// <returns>The count.</returns>
    public int CountOf(SubunitStatus status) => _tests.Count(t => t.Status == status);

    /// <summary>Looks a test up by its full id.</summary>
    /// <param name="testId">The test id.</param>
    /// <param name="result">The test, when found.</param>
    /// <returns>Whether the test was seen.</returns>
    public bool TryGetValue(string testId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SubunitTestResult? result) =>
        _byId.TryGetValue(testId, out result);

    /// <summary>Folds one event in.</summary>
    /// <param name="subunitEvent">The event.</param>
    public void Add(SubunitEvent subunitEvent)
    {
        ArgumentNullException.ThrowIfNull(subunitEvent);
        if (subunitEvent.TestId is not { } testId)
        {
            if (subunitEvent.FileName is { } fileName)
            {
                var chunk = new SubunitAttachment(fileName, subunitEvent.MimeType);
                chunk.Append(subunitEvent);
                _output.Add(chunk);
            }

            return;
        }

        if (!_byId.TryGetValue(testId, out var test))
        {
            test = new SubunitTestResult(testId);
            _byId.Add(testId, test);
            _tests.Add(test);
        }

        test.Add(subunitEvent);
    }
}

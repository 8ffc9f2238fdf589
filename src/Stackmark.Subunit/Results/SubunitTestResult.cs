namespace Stackmark.Subunit;

/// <summary>The outcome of one test, folded from all the events bearing its id.</summary>
/// <remarks>
/// Built by <see cref="SubunitTestResults"/>; its values change while events are added, and reading is thread-safe
/// once the fold is done. Tempest sends <c>inprogress</c> with a timestamp, then attachments, then the final status
/// with a timestamp.
/// </remarks>
public sealed class SubunitTestResult
{
    private readonly List<SubunitAttachment> _attachments = [];
    private readonly SortedSet<string> _tags = new(StringComparer.Ordinal);

    internal SubunitTestResult(string testId) => TestId = testId;

    /// <summary>The full test id.</summary>
    public string TestId { get; }

    /// <summary>The latest status received; <see cref="SubunitStatus.InProgress"/> for a test that never finished.</summary>
    public SubunitStatus Status { get; private set; }

    /// <summary>Whether <see cref="Status"/> is an outcome (success, failure, skip, xfail or uxsuccess).</summary>
    public bool IsFinished => Status >= SubunitStatus.Success;

    /// <summary>The timestamp of the first event, normally <c>inprogress</c>; null if none carried one.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>The timestamp of the event carrying the final status; null until then.</summary>
    public DateTimeOffset? StoppedAt { get; private set; }

    /// <summary>How long the test ran, when both timestamps are known.</summary>
    public TimeSpan? Duration => StartedAt is { } start && StoppedAt is { } stop ? stop - start : null;

    /// <summary>Every tag seen on the test's events, sorted ordinally.</summary>
    public IReadOnlyCollection<string> Tags => _tags;

    /// <summary>The attachments in order of first chunk.</summary>
    public IReadOnlyList<SubunitAttachment> Attachments => _attachments;

    /// <summary>The route code of the latest event that had one (which worker ran the test).</summary>
    public string? RouteCode { get; private set; }

    /// <summary>The attachment named <paramref name="name"/> (e.g. <c>reason</c>, <c>traceback</c>), or null.</summary>
    /// <param name="name">The file name.</param>
    /// <returns>The attachment, or null.</returns>
    public SubunitAttachment? Attachment(string name) => _attachments.Find(a => a.Name == name);

    internal void Add(SubunitEvent e)
    {
        if (e.Timestamp is { } timestamp)
        {
            StartedAt ??= timestamp;
        }

        if (e.Status != SubunitStatus.Undefined)
        {
            Status = e.Status;
            if (Status >= SubunitStatus.Success)
            {
                StoppedAt = e.Timestamp ?? StoppedAt;
            }
        }

        RouteCode = e.RouteCode ?? RouteCode;
        foreach (var tag in e.Tags)
        {
            _tags.Add(tag);
        }

        if (e.FileName is { } fileName)
        {
            AttachmentOrNew(fileName, e.MimeType).Append(e);
        }
    }

    private SubunitAttachment AttachmentOrNew(string name, string? mimeType)
    {
        if (Attachment(name) is { } existing)
        {
            return existing;
        }

        var created = new SubunitAttachment(name, mimeType);
        _attachments.Add(created);
        return created;
    }
}

namespace Stackmark.Subunit;

/// <summary>One subunit v2 packet, with the same fields as python-subunit's <c>StreamResult.status(...)</c>.</summary>
/// <remarks>
/// <para>
/// Null means "field absent" for <see cref="TestId"/>, <see cref="Timestamp"/>, <see cref="MimeType"/>,
/// <see cref="FileName"/> and <see cref="RouteCode"/>, exactly as python-subunit's <c>None</c>. An empty
/// <see cref="Tags"/> list means "no tags": like python-subunit, the writer omits an empty tag list.
/// The default event (no field set) is a runnable packet with status <see cref="SubunitStatus.Undefined"/>.
/// </para>
/// <para>
/// Equality is structural: <see cref="Tags"/> compare in order and <see cref="FileBytes"/> by content.
/// Instances are immutable and safe to share across threads as long as no one mutates the arrays behind
/// <see cref="Tags"/> or <see cref="FileBytes"/>.
/// </para>
/// </remarks>
public sealed record SubunitEvent
{
    /// <summary>The test id python-subunit uses for parser failures.</summary>
    public const string ParserTestId = "subunit.parser";

    /// <summary>The file name of the raw-bytes attachment of a parser failure.</summary>
    public const string PacketDataFileName = "Packet data";

    /// <summary>The file name of the message attachment of a parser failure.</summary>
    public const string ParserErrorFileName = "Parser Error";

    /// <summary>The file name given to non-subunit bytes found between packets (as the subunit filters do).</summary>
    public const string StdoutFileName = "stdout";

    /// <summary>The test id, or null for events not about a test (such as stray output).</summary>
    public string? TestId { get; init; }

    /// <summary>The test status; <see cref="SubunitStatus.Undefined"/> when the packet carries none.</summary>
    public SubunitStatus Status { get; init; }

    /// <summary>The tags of the test; empty when the packet carries none.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Whether the test is runnable; python-subunit defaults to true.</summary>
    public bool Runnable { get; init; } = true;

    /// <summary>The name of the attached file, or null when the packet carries no file content.</summary>
    public string? FileName { get; init; }

    /// <summary>The attached file chunk; empty when <see cref="FileName"/> is null.</summary>
    public ReadOnlyMemory<byte> FileBytes { get; init; }

    /// <summary>Whether this packet ends the file named by <see cref="FileName"/>.</summary>
    public bool Eof { get; init; }

    /// <summary>The MIME type of the attachment, or null.</summary>
    public string? MimeType { get; init; }

    /// <summary>The route code (which worker produced the event), or null.</summary>
    public string? RouteCode { get; init; }

    /// <summary>When the event happened, or null. The wire carries UTC seconds and nanoseconds since 1970.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Whether this is the final event of a parser failure (test id <see cref="ParserTestId"/>, status fail).</summary>
    public bool IsParserFailure => Status == SubunitStatus.Fail && TestId == ParserTestId;

    /// <summary>Structural equality; see the type remarks.</summary>
    /// <param name="other">The event to compare with.</param>
    /// <returns>True when every field is equal.</returns>
    public bool Equals(SubunitEvent? other) =>
        other is not null
        && TestId == other.TestId
        && Status == other.Status
        && Runnable == other.Runnable
        && FileName == other.FileName
        && Eof == other.Eof
        && MimeType == other.MimeType
        && RouteCode == other.RouteCode
        && Timestamp == other.Timestamp
        && FileBytes.Span.SequenceEqual(other.FileBytes.Span)
        && Tags.SequenceEqual(other.Tags);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TestId, Status, FileName, Timestamp, FileBytes.Length);
}

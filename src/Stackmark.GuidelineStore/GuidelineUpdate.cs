namespace Stackmark.Guidelines;

/// <summary>What <see cref="GuidelineUpdater"/> did with one guideline.</summary>
public enum GuidelineUpdateOutcome
{
    /// <summary>New in the cache.</summary>
    Added,

    /// <summary>In the cache before with other bytes; replaced.</summary>
    Changed,

    /// <summary>In the cache already, byte for byte.</summary>
    Unchanged,

    /// <summary>Not written: it could not be read, or failed to load or validate.</summary>
    Rejected,
}

/// <summary>One guideline's outcome.</summary>
/// <param name="Id">The guideline.</param>
/// <param name="Outcome">What happened to it.</param>
/// <param name="From">The file or URL it was read from.</param>
/// <param name="Reason">For a rejected one, why: the file and JSON path where the loader or validator gives them.</param>
public sealed record GuidelineUpdateEntry(GuidelineId Id, GuidelineUpdateOutcome Outcome, string From, string? Reason = null);

/// <summary>The outcome of an update: one entry per guideline the source lists, in id order.</summary>
/// <param name="Source">The source's description.</param>
/// <param name="Cache">The cache directory.</param>
/// <param name="Entries">Each guideline's outcome.</param>
public sealed record GuidelineUpdate(string Source, string Cache, IReadOnlyList<GuidelineUpdateEntry> Entries)
{
    /// <summary>How many guidelines had <paramref name="outcome"/>.</summary>
    public int Count(GuidelineUpdateOutcome outcome) => Entries.Count(e => e.Outcome == outcome);
}

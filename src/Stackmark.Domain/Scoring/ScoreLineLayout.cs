namespace Stackmark;

/// <summary>The spacing of a score line.</summary>
/// <param name="Padding">Spaces between the colon and the first bracket (aligning a section's columns).</param>
/// <param name="Compact">No space between the groups (<c>[*,1,1][1,1,1]…</c>), as the add-on sheets write them.</param>
public readonly record struct ScoreLineLayout(int Padding, bool Compact)
{
    /// <summary>One space, spaced groups: <c>cap: [1,1,1] [1,1,1] …</c>.</summary>
    public static ScoreLineLayout Default => new(1, false);
}

using System.Globalization;

namespace Stackmark;

/// <summary>
/// A capability's score: the sum of the weights of the criteria it meets, and whether every criterion was scored.
/// </summary>
/// <remarks>
/// An incomplete score (some criterion marked <c>?</c>) never qualifies; its <see cref="Points"/> count only the
/// criteria scored 1 so far. Equality is by both fields. The default value is a complete zero. Immutable.
/// </remarks>
public readonly record struct Score : IComparable<Score>
{
    // Stored inverted so that default(Score) is a complete zero.
    private readonly bool _incomplete;

    /// <summary>Creates a score.</summary>
    /// <param name="points">The sum of the weights of the achieved criteria (0 when the non-admin veto applies).</param>
    /// <param name="isComplete">False when some criterion is not scored yet (<c>?</c>).</param>
    public Score(int points, bool isComplete = true)
    {
        Points = points;
        _incomplete = !isComplete;
    }

    /// <summary>The sum of the weights of the achieved criteria (0 when the non-admin veto applies).</summary>
    public int Points { get; init; }

    /// <summary>False when some criterion is not scored yet (<c>?</c>).</summary>
    public bool IsComplete => !_incomplete;

    /// <summary>A complete zero (e.g. an admin-only capability).</summary>
    public static Score Zero => default;

    /// <summary>A complete score of <paramref name="points"/>.</summary>
    public static Score FromPoints(int points) => new(points);

    /// <summary>The score plus <paramref name="weight"/> points.</summary>
    public Score Plus(int weight) => this with { Points = Points + weight };

    /// <summary>The same points, marked incomplete.</summary>
    public Score AsIncomplete() => new(Points, false);

    /// <summary>Whether the score is complete and at least <paramref name="cutoff"/>.</summary>
    public bool Qualifies(int cutoff) => IsComplete && Points >= cutoff;

    /// <summary>Parses <c>74</c> (complete) or <c>74?</c> (incomplete).</summary>
    /// <exception cref="FormatException">Not of that form.</exception>
    public static Score Parse(string text) =>
        TryParse(text, out var score) ? score : throw new FormatException($"'{text}' is not a score (e.g. 74 or 74?)");

    /// <summary>Parses <c>74</c> or <c>74?</c>; false on anything else.</summary>
    public static bool TryParse(string? text, out Score score)
    {
        score = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var incomplete = text.EndsWith('?');
        if (!int.TryParse(incomplete ? text[..^1] : text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var points))
        {
            return false;
        }

        score = new Score(points, !incomplete);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(Score other) => Points != other.Points ? Points.CompareTo(other.Points) : IsComplete.CompareTo(other.IsComplete);

    /// <summary><c>74</c>, or <c>74?</c> when incomplete.</summary>
    public override string ToString() => Points.ToString(CultureInfo.InvariantCulture) + (IsComplete ? "" : "?");
}

namespace Stackmark;

/// <summary>How a capability scores on one criterion of a scoring worksheet.</summary>
public enum Mark
{
    /// <summary><c>0</c>: the criterion is not met.</summary>
    Zero,

    /// <summary><c>1</c>: the criterion is met; its weight counts.</summary>
    One,

    /// <summary><c>?</c>: not scored yet or under discussion; the total is incomplete.</summary>
    Unknown,

    /// <summary><c>*</c>: not considered for this program (add-on sheets: deployed, foundation, proximity).</summary>
    NotConsidered,
}

/// <summary>The worksheet characters of <see cref="Mark"/>: <c>0</c>, <c>1</c>, <c>?</c>, <c>*</c>.</summary>
public static class Marks
{
    /// <summary>The character a worksheet writes for <paramref name="mark"/>.</summary>
    public static char ToChar(this Mark mark) => mark switch
    {
        Mark.Zero => '0',
        Mark.One => '1',
        Mark.Unknown => '?',
        _ => '*',
    };

    /// <summary>Reads a worksheet character; false for anything but <c>0 1 ? *</c>.</summary>
    public static bool TryParse(char c, out Mark mark)
    {
        mark = c switch
        {
            '0' => Mark.Zero,
            '1' => Mark.One,
            '?' => Mark.Unknown,
            '*' => Mark.NotConsidered,
            _ => (Mark)(-1),
        };
        if (mark < Mark.Zero)
        {
            mark = default;
            return false;
        }

        return true;
    }
}

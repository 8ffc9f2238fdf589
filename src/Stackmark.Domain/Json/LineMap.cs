namespace Stackmark.Json;

/// <summary>Maps byte offsets of a source to 1-based line numbers.</summary>
internal sealed class LineMap
{
    private readonly int[] _lineStarts;

    public LineMap(ReadOnlySpan<byte> source)
    {
        var starts = new List<int> { 0 };
        var index = 0;
        while (true)
        {
            var next = source[index..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            index += next + 1;
            starts.Add(index);
        }

        _lineStarts = [.. starts];
    }

    public int LineOf(int offset)
    {
        var i = Array.BinarySearch(_lineStarts, offset);
        return (i >= 0 ? i : ~i - 1) + 1;
    }
}

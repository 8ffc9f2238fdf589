namespace Stackmark.Json;

/// <summary>
/// A JSON value that remembers where it stood in its source, so that every warning and error can name
/// a JSON path and a line. <see cref="System.Text.Json.JsonDocument"/> does not keep positions.
/// </summary>
internal abstract class JNode(string path, int offset)
{
    /// <summary>The JSONPath-like location, e.g. <c>$.capabilities["compute-flavors-list"].tests</c>.</summary>
    public string Path { get; } = path;

    /// <summary>Byte offset of the value's first token in the source.</summary>
    public int Offset { get; } = offset;

    /// <summary>A short name of the JSON type, for error messages ("object", "string", …).</summary>
    public abstract string Kind { get; }
}

internal sealed class JObject(string path, int offset, List<KeyValuePair<string, JNode>> members) : JNode(path, offset)
{
    private Dictionary<string, JNode>? _index;

    public IReadOnlyList<KeyValuePair<string, JNode>> Members => members;

    public override string Kind => "object";

    public JNode? this[string key] => TryGet(key, out var node) ? node : null;

    public bool TryGet(string key, out JNode node)
    {
        // Small objects are scanned; the index pays off only for the large capability maps.
        if (members.Count <= 8)
        {
            foreach (var (k, v) in members)
            {
                if (k == key)
                {
                    node = v;
                    return true;
                }
            }

            node = null!;
            return false;
        }

        _index ??= BuildIndex();
        return _index.TryGetValue(key, out node!);
    }

    private Dictionary<string, JNode> BuildIndex()
    {
        var index = new Dictionary<string, JNode>(members.Count, StringComparer.Ordinal);
        foreach (var (k, v) in members)
        {
            index.TryAdd(k, v);
        }

        return index;
    }
}

internal sealed class JArray(string path, int offset, List<JNode> items) : JNode(path, offset)
{
    public IReadOnlyList<JNode> Items => items;

    public override string Kind => "array";
}

internal sealed class JString(string path, int offset, string value) : JNode(path, offset)
{
    public string Value { get; } = value;

    public override string Kind => "string";
}

internal sealed class JNumber(string path, int offset, decimal value, bool isInteger) : JNode(path, offset)
{
    public decimal Value { get; } = value;

    public bool IsInteger { get; } = isInteger;

    public override string Kind => "number";
}

internal sealed class JBool(string path, int offset, bool value) : JNode(path, offset)
{
    public bool Value { get; } = value;

    public override string Kind => "boolean";
}

internal sealed class JNull(string path, int offset) : JNode(path, offset)
{
    public override string Kind => "null";
}

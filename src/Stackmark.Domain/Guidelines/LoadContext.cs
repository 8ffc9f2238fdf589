using System.Globalization;
using Stackmark.Json;

namespace Stackmark;

/// <summary>Carries the file name, line map and warnings of one load, and reads typed values with located errors.</summary>
internal sealed class LoadContext(string fileName, LineMap lines)
{
    private readonly List<GuidelineWarning> _warnings = [];

    public string FileName { get; } = fileName;

    public IReadOnlyList<GuidelineWarning> Warnings => _warnings;

    public SourceLocation Locate(JNode node) => new(FileName, node.Path, lines.LineOf(node.Offset));

    public void Warn(string code, string message, JNode node) => _warnings.Add(new GuidelineWarning(code, message, Locate(node)));

    public LoadFailure Fail(string message, JNode node) => new(new GuidelineError(message, Locate(node)));

    public JObject AsObject(JNode node) =>
        node as JObject ?? throw Fail($"expected an object, found {node.Kind}", node);

    public JObject RequiredObject(JObject parent, string key) =>
        AsObject(parent[key] ?? throw Fail($"missing required key \"{key}\"", parent));

    public JObject? OptionalObject(JObject parent, string key) => parent[key] switch
    {
        null or JNull => null,
        var n => AsObject(n),
    };

    public string? OptionalString(JObject parent, string key) => parent[key] switch
    {
        null or JNull => null,
        JString s => s.Value,
        var n => throw Fail($"\"{key}\" must be a string, found {n.Kind}", n),
    };

    public string RequiredString(JObject parent, string key) =>
        OptionalString(parent, key) ?? throw Fail($"missing required key \"{key}\"", parent);

    public bool OptionalBool(JObject parent, string key) => parent[key] switch
    {
        null or JNull => false,
        JBool b => b.Value,
        var n => throw Fail($"\"{key}\" must be true or false, found {n.Kind}", n),
    };

    /// <summary>An integer that 1.x files write as a string ("74") and 2.0 files as a number.</summary>
    public int? OptionalInt(JObject parent, string key) => parent[key] switch
    {
        null or JNull => null,
        JNumber { IsInteger: true } n => (int)n.Value,
        JString s when int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) => v,
        var n => throw Fail($"\"{key}\" must be a whole number, found {Describe(n)}", n),
    };

    public IReadOnlyList<string> StringList(JObject parent, string key) => parent[key] switch
    {
        null or JNull => [],
        JArray a => [.. a.Items.Select(i => i is JString s ? s.Value : throw Fail($"expected a string, found {i.Kind}", i))],
        var n => throw Fail($"\"{key}\" must be a list of strings, found {n.Kind}", n),
    };

    private static string Describe(JNode n) => n is JString s ? $"\"{s.Value}\"" : n.Kind;
}

/// <summary>Unwinds a load to its entry point with the located error; never escapes the loader.</summary>
internal sealed class LoadFailure(GuidelineError error) : Exception(error.ToString())
{
    public GuidelineError Error { get; } = error;
}

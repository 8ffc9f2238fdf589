using YamlDotNet.RepresentationModel;

namespace Stackmark.OpenStack;

/// <summary>Loads YAML into plain dictionaries, lists and strings, then reads it loosely.</summary>
internal static class YamlTree
{
    public static Dictionary<string, object?> LoadMapping(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        if (stream.Documents.Count == 0)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        return Convert(stream.Documents[0].RootNode) as Dictionary<string, object?>
            ?? throw new CloudConfigException($"{path}: the top level is not a mapping.");
    }

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            kv => ((YamlScalarNode)kv.Key).Value ?? string.Empty,
            kv => Convert(kv.Value),
            StringComparer.Ordinal),
        YamlSequenceNode seq => seq.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => IsNull(scalar) ? null : scalar.Value,
        _ => null,
    };

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public static Dictionary<string, object?>? Map(this Dictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var value) ? value as Dictionary<string, object?> : null;

    public static string? Str(this Dictionary<string, object?>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) && value is string s && s.Length > 0 ? s : null;

    /// <summary>Deep merge: values of <paramref name="overlay"/> win; mappings merge recursively.</summary>
    public static Dictionary<string, object?> Merge(Dictionary<string, object?> baseMap, Dictionary<string, object?> overlay)
    {
        var result = new Dictionary<string, object?>(baseMap, StringComparer.Ordinal);
        foreach (var (key, value) in overlay)
        {
            result[key] = result.TryGetValue(key, out var existing)
                && existing is Dictionary<string, object?> a && value is Dictionary<string, object?> b
                ? Merge(a, b)
                : value;
        }

        return result;
    }

    public static bool? ParseBool(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "true" or "yes" or "1" or "on" => true,
        "false" or "no" or "0" or "off" => false,
        _ => null,
    };
}

using System.Text.Json;

namespace Stackmark.OpenStack;

internal static class ExtensionList
{
    public static IReadOnlyList<ApiExtension> Parse(JsonElement root) =>
        [.. root.Prop("extensions").Items()
            .Select(e => new ApiExtension(e.Str("alias") ?? string.Empty, e.Str("name") ?? string.Empty))
            .Where(e => e.Alias.Length > 0)];
}

using System.Text.Json;

namespace Stackmark.OpenStack;

/// <summary>Parses OpenStack version documents into <see cref="ApiVersion"/> lists.</summary>
/// <remarks>
/// Accepts the three published shapes: <c>{"versions": {"values": [...]}}</c> (Keystone),
/// <c>{"versions": [...]}</c> (Nova, Cinder, Glance, Neutron) and <c>{"version": {...}}</c> (a versioned root).
/// Throws <see cref="JsonException"/> only for text that is not JSON; unknown shapes yield an empty list.
/// </remarks>
public static class VersionDocument
{
    /// <summary>Parses a version document.</summary>
    public static IReadOnlyList<ApiVersion> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var doc = JsonDocument.Parse(json);
        return Parse(doc.RootElement);
    }

    /// <summary>Parses a version document.</summary>
    public static IReadOnlyList<ApiVersion> Parse(JsonElement root)
    {
        var versions = root.Prop("versions");
        var items = versions.ValueKind switch
        {
            JsonValueKind.Array => versions.Items(),
            JsonValueKind.Object => versions.Prop("values").Items(),
            _ => root.Prop("version").ValueKind == JsonValueKind.Object ? [root.Prop("version")] : [],
        };
        return [.. items.Select(ParseOne).OfType<ApiVersion>()];
    }

    /// <summary>The CURRENT/stable version with the highest major number, else the highest major.</summary>
    public static ApiVersion? Current(IEnumerable<ApiVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var list = versions.ToList();
        return list.Where(v => v.IsCurrent).MaxBy(v => v.Major) ?? list.MaxBy(v => v.Major);
    }

    private static ApiVersion? ParseOne(JsonElement e)
    {
        var id = e.Str("id");
        if (id is null)
        {
            return null;
        }

        var self = e.Prop("links").Items().FirstOrDefault(l => l.Str("rel") == "self").Str("href");
        return new ApiVersion(
            id,
            (e.Str("status") ?? "UNKNOWN").ToUpperInvariant(),
            Blank(e.Str("min_version")),
            Blank(e.Str("version")),
            Uri.TryCreate(self, UriKind.Absolute, out var uri) ? uri : null);
    }

    private static string? Blank(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

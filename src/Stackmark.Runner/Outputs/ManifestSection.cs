using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stackmark.Runner;

/// <summary>Adds a top-level section to a run's manifest.json after it was written (what happens after the run, e.g. cleanup).</summary>
/// <remarks>The manifest hashes the other files, not itself, so amending it invalidates nothing.</remarks>
public static class ManifestSection
{
    /// <summary>Sets <paramref name="name"/> in <paramref name="directory"/>'s manifest.json to what <paramref name="write"/> writes; false when there is no manifest.</summary>
    public static async Task<bool> SetAsync(string directory, string name, Action<Utf8JsonWriter> write, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var path = Path.Combine(directory, RunEngine.Files.Manifest);
        if (!File.Exists(path))
        {
            return false;
        }

        var manifest = JsonNode.Parse(await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false))?.AsObject()
            ?? throw new JsonException($"{path} is not a JSON object");
        using var buffer = new MemoryStream();
        await using (var w = new Utf8JsonWriter(buffer))
        {
            write(w);
        }

        manifest[name] = JsonNode.Parse(buffer.ToArray());
        await File.WriteAllTextAsync(path, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), ct).ConfigureAwait(false);
        return true;
    }
}

using System.Text.Json.Nodes;

namespace Stackmark.Runner;

/// <summary>Keeps, in a resumed run's manifest, what only the first part could say (what discovery saw of the cloud, …).</summary>
internal static class RunManifestMerge
{
    // Sections the engine writes only when they apply: their absence now is an answer, not a gap to fill.
    private static readonly HashSet<string> Conditional = new(StringComparer.Ordinal)
    {
        "interruption", "concurrency", "guideline_source", "tempest_command", "rerun_of", "test_timeout_seconds", "tempest_exit_code",
    };

    /// <summary>
    /// The new manifest with every top-level section of the saved one that it does not write itself: a resumed part
    /// does not discover the cloud again, so its facts, guest validation and feature flags stay those of the first part.
    /// </summary>
    public static byte[] CarryOver(byte[] manifest, System.Text.Json.JsonElement saved)
    {
        if (saved.ValueKind != System.Text.Json.JsonValueKind.Object || JsonNode.Parse(manifest) is not JsonObject written)
        {
            return manifest;
        }

        foreach (var property in saved.EnumerateObject())
        {
            if (!written.ContainsKey(property.Name) && !Conditional.Contains(property.Name))
            {
                written[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
        }

        return System.Text.Encoding.UTF8.GetBytes(written.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }
}

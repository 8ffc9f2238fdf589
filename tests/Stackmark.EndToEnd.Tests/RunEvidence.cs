using System.Text;
using System.Text.Json;
using Xunit.Sdk;

namespace Stackmark.EndToEnd.Tests;

/// <summary>
/// What a failed end-to-end assertion reports: a run on a CI machine cannot be looked at afterwards, so the
/// message carries the counts, the slowest and unfinished tests, and the tails of the output and Tempest's log.
/// </summary>
internal static class RunEvidence
{
    /// <summary>Runs the assertions; on failure rethrows with the run's evidence appended.</summary>
    public static void Check(string dir, int exit, string output, string err, Action assertions)
    {
        try
        {
            assertions();
        }
        catch (Exception e) when (e is XunitException or KeyNotFoundException or InvalidOperationException or IOException or JsonException)
        {
            // The evidence first: a CI log may keep only the start of a long message.
            throw new XunitException($"{Clip(e.Message.Split('\n')[0], 500)}\n{Describe(dir, exit, output, err)}--- the assertion in full:\n{Clip(e.Message, 4000)}");
        }
    }

    /// <summary>A few dozen lines that say how the run in <paramref name="dir"/> went.</summary>
    public static string Describe(string dir, int exit, string output, string err)
    {
        var text = new StringBuilder();
        text.AppendLine($"--- run evidence: exit {exit}, directory {dir}");
        var full = Path.Combine(dir, "full-results.json");
        if (File.Exists(full))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(full));
                var root = doc.RootElement;
                text.AppendLine($"duration {root.GetProperty("duration_seconds")} s, counts {root.GetProperty("counts")}");
                var tests = root.GetProperty("tests").EnumerateArray().ToList();
                foreach (var group in tests.GroupBy(t => $"{t.GetProperty("status").GetString()}/{Category(t)}").OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    text.AppendLine($"  {group.Key}: {group.Count()}");
                }

                text.AppendLine("slowest:");
                foreach (var t in tests.OrderByDescending(Seconds).Take(8))
                {
                    text.AppendLine($"  {Seconds(t),8:0.0} s {t.GetProperty("status").GetString()} {t.GetProperty("name").GetString()}");
                }

                foreach (var t in tests.Where(t => Category(t) is "runner-error" or "timeout" or "failure").Take(10))
                {
                    text.AppendLine($"  {Category(t)}: {t.GetProperty("name").GetString()}: {Clip(t.GetProperty("reason").GetString(), 300)}");
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                text.AppendLine($"full-results.json unreadable: {e.Message}");
            }
        }
        else
        {
            text.AppendLine("no full-results.json");
        }

        text.AppendLine("output (last 25 lines):").AppendLine(Tail(output, 25));
        if (!string.IsNullOrWhiteSpace(err))
        {
            text.AppendLine("stderr (last 15 lines):").AppendLine(Tail(err, 15));
        }

        var log = Path.Combine(dir, "workspace", "tempest.log");
        if (File.Exists(log))
        {
            // Only the lines that say something went wrong, or the very end of a debug log.
            var lines = File.ReadLines(log).Where(l => l.Contains(" ERROR ", StringComparison.Ordinal) || l.Contains(" WARNING ", StringComparison.Ordinal)).TakeLast(15).ToList();
            text.AppendLine("tempest.log (last warnings/errors):").AppendLine(string.Join('\n', lines.Select(l => Clip(l, 300))));
        }

        return text.ToString();
    }

    private static string Category(JsonElement t) =>
        t.TryGetProperty("category", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "-";

    private static double Seconds(JsonElement t) =>
        t.TryGetProperty("duration_seconds", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : 0;

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));

    private static string Clip(string? text, int max) => text is null ? "" : text.Length <= max ? text : text[..max] + "…";
}

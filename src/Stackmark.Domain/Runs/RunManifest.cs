using System.Text.Json;
using Stackmark.Json;
using Stackmark.Regions;

namespace Stackmark;

/// <summary>
/// What a run directory's <c>manifest.json</c> says about what was certified: the guideline, the target and the region.
/// The facts an upload names on the stored result (its <c>guideline</c>, <c>target</c> and <c>region</c> meta).
/// </summary>
/// <remarks>
/// Immutable. Read with <see cref="Parse"/>, which never throws on bad input. Only these keys are read; the manifest's
/// other keys (versions, hashes, times, decisions) are left to whoever needs them, and unknown keys are allowed.
/// </remarks>
/// <param name="Guideline">The guideline certified against (<c>guideline</c>).</param>
/// <param name="Target">The target (<c>target</c>: platform, compute, object, dns, orchestration…).</param>
/// <param name="Region">The region certified (<c>cloud.region</c>), or null when the run recorded none (a catalog
/// without regions, a run with its own tempest.conf, or a manifest written before regions were recorded).</param>
public sealed record RunManifest(GuidelineId Guideline, string Target, string? Region)
{
    /// <summary>What the run measured of the cloud (its <c>cloud</c> section); null in a manifest without one.</summary>
    public MeasuredCloud? Measured { get; init; }

    /// <summary>Reads the manifest's guideline, target and region.</summary>
    /// <param name="utf8">The bytes of manifest.json.</param>
    /// <param name="file">Its name, for errors.</param>
    /// <returns>The manifest, or an error naming the file, JSON path and line.</returns>
    public static ParseResult<RunManifest> Parse(ReadOnlySpan<byte> utf8, string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var lines = new LineMap(utf8);
        JNode root;
        try
        {
            root = JParser.Parse(utf8, lines);
        }
        catch (JsonException e)
        {
            return ParseResult<RunManifest>.Fail($"not valid JSON: {e.Message.Split(" Path:")[0]}", new SourceLocation(file, e.Path ?? "$", (int)(e.LineNumber ?? -1) + 1));
        }

        ParseResult<RunManifest> Fail(string message, JNode node) => ParseResult<RunManifest>.Fail(message, new SourceLocation(file, node.Path, lines.LineOf(node.Offset)));

        if (root is not JObject top)
        {
            return Fail($"expected an object with guideline and target, found {root.Kind}", root);
        }

        if (top["guideline"] is not JString { Value: var guidelineText } || !GuidelineId.TryParse(guidelineText, out var guideline))
        {
            return Fail("\"guideline\" must be a guideline version (YYYY.MM, next or ADDON.YYYY.MM)", top["guideline"] ?? top);
        }

        if (top["target"] is not JString { Value: { Length: > 0 } target })
        {
            return Fail("\"target\" must be a non-empty string", top["target"] ?? top);
        }

        string? region;
        MeasuredCloud? measured = null;
        switch (top["cloud"])
        {
            case null or JNull:
                region = null;
                break;
            case JObject cloud:
                switch (cloud["region"])
                {
                    case null or JNull:
                        region = null;
                        break;
                    case JString { Value: { Length: > 0 } name }:
                        region = name;
                        break;
                    case var bad:
                        return Fail("\"region\" must be a non-empty string or null", bad);
                }

                break;
            case var bad:
                return Fail("\"cloud\" must be an object when present", bad);
        }

        // What the run measured, read once the region is known to be well formed (its own error says more).
        if (top["cloud"] is JObject measuredCloud)
        {
            var read = MeasuredCloud.Read(measuredCloud, file, lines);
            if (read.Value is null)
            {
                return ParseResult<RunManifest>.Fail(read.Error!, read.Location!);
            }

            measured = read.Value;
        }

        return ParseResult<RunManifest>.Ok(new RunManifest(guideline, target, region) { Measured = measured });
    }
}

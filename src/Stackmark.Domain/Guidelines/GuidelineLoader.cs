using System.Text.Json;
using Stackmark.Json;

namespace Stackmark;

/// <summary>
/// Reads a guideline file of any official schema (1.2, 1.3, 1.4, 1.5, 1.6, 2.0) into a <see cref="Guideline"/>.
/// </summary>
/// <remarks>
/// Real-world quirks of the official files (see docs/guidelines.md) are tolerated and each is reported as a
/// <see cref="GuidelineWarning"/> with its JSON path and line. Input that cannot be understood (not JSON, an
/// unknown schema, a missing or mistyped field the model needs) gives a failed <see cref="LoadResult"/> naming
/// the file, JSON path and line. Never throws for bad input. Thread-safe (stateless).
/// </remarks>
public static partial class GuidelineLoader
{
    /// <summary>The schema versions this loader understands.</summary>
    public static IReadOnlyList<string> SupportedSchemas { get; } = ["1.2", "1.3", "1.4", "1.5", "1.6", "2.0"];

    /// <summary>Loads a guideline from UTF-8 JSON.</summary>
    /// <param name="utf8">The file's bytes.</param>
    /// <param name="fileName">The file's name or path, used in messages and, when <paramref name="id"/> is null, to tell which guideline it is.</param>
    /// <param name="id">Which guideline this is; by default taken from the file name, else from the id inside it.</param>
    public static LoadResult Load(ReadOnlySpan<byte> utf8, string fileName, GuidelineId? id = null)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var lines = new LineMap(utf8);
        JNode root;
        try
        {
            root = JParser.Parse(utf8, lines);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? -1) + 1;
            return LoadResult.Fail(new GuidelineError($"not valid JSON: {FirstSentence(e.Message)}", new SourceLocation(fileName, e.Path ?? "$", line)));
        }

        var context = new LoadContext(fileName, lines);
        try
        {
            return LoadResult.Ok(Build(root, context, id));
        }
        catch (LoadFailure failure)
        {
            return LoadResult.Fail(failure.Error);
        }
    }

    /// <summary>Loads a guideline from a UTF-8 JSON string (a convenience for tests and tools).</summary>
    public static LoadResult Load(string json, string fileName, GuidelineId? id = null) =>
        Load(System.Text.Encoding.UTF8.GetBytes(json), fileName, id);

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: $ | LineNumber: …" which we report in our own form.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static Guideline Build(JNode root, LoadContext cx, GuidelineId? id)
    {
        var top = cx.AsObject(root);
        var metadata = top["metadata"] as JObject;
        var schemaNode = metadata?["schema"] ?? top["schema"]
            ?? throw cx.Fail("missing the schema version (metadata.schema or schema)", root);
        var schema = schemaNode switch
        {
            JString s => s.Value.Trim(),
            JNumber n => n.Value.ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture),
            _ => throw cx.Fail($"schema must be a string such as \"2.0\", not {schemaNode.Kind}", schemaNode),
        };
        if (!SupportedSchemas.Contains(schema))
        {
            throw cx.Fail($"unknown schema \"{schema}\" (supported: {string.Join(", ", SupportedSchemas)})", schemaNode);
        }

        var declaredId = cx.OptionalString(metadata ?? top, "id");
        var guidelineId = id ?? ResolveId(cx, declaredId, metadata ?? top);
        return schema == "2.0" ? BuildV2(top, cx, guidelineId, declaredId) : BuildV1(top, cx, schema, guidelineId, declaredId);
    }

    private static GuidelineId ResolveId(LoadContext cx, string? declaredId, JObject idHolder)
    {
        var name = Path.GetFileName(cx.FileName);
        if (GuidelineId.TryParse(name, out var fromName))
        {
            if (declaredId is not null && declaredId != fromName.ToString())
            {
                cx.Warn("id-mismatch", $"the file says id \"{declaredId}\" but its name says {fromName}; the name wins", idHolder["id"] ?? idHolder);
            }

            return fromName;
        }

        if (GuidelineId.TryParse(declaredId, out var fromContent))
        {
            return fromContent;
        }

        throw cx.Fail($"cannot tell which guideline this is: neither the file name \"{name}\" nor the id \"{declaredId}\" is YYYY.MM, next or ADDON.YYYY.MM", idHolder["id"] ?? idHolder);
    }

    private static void WarnUnknownKeys(LoadContext cx, JObject obj, IReadOnlySet<string> known, string what)
    {
        foreach (var (key, value) in obj.Members)
        {
            if (!known.Contains(key))
            {
                cx.Warn("unknown-key", $"unknown {what} key \"{key}\" is ignored", value);
            }
        }
    }
}

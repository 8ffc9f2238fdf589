using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stackmark.Runner;

/// <summary>
/// What an earlier run's <c>manifest.json</c> says about how it ran: what <c>stackmark run --resume</c> repeats
/// (guideline, its source, target, statuses, concurrency, test timeout, the tempest command) and the parts so far.
/// </summary>
/// <param name="Guideline">The guideline version.</param>
/// <param name="Target">The target.</param>
/// <param name="Statuses">The capability statuses run, comma-separated (<c>required,advisory</c>).</param>
/// <param name="Cpid">The cloud's id.</param>
/// <param name="StartedAt">When the run's first part started.</param>
/// <param name="FinishedAt">When its last part finished.</param>
/// <param name="Compliant">The last verdict.</param>
/// <param name="Interrupted">Whether the last part was stopped.</param>
/// <param name="Concurrency">Workers; null for Tempest's default.</param>
/// <param name="TestTimeoutSeconds">The per-test limit, if any.</param>
/// <param name="GuidelineSource">The guideline source (a directory made absolute, a URL, or the built-in source's description); null before it was recorded.</param>
/// <param name="TempestCommand">The tempest command that ran; null before it was recorded.</param>
/// <param name="RerunOf">For a <c>--rerun-failed</c> run, the run directory whose non-passes it ran again.</param>
/// <param name="TestsRun">Tests given to Tempest, over all parts.</param>
/// <param name="TempestExitCode">The last part's Tempest exit code.</param>
/// <param name="SubunitParserErrors">Corrupt spots in the streams.</param>
/// <param name="Interruption">What stopped the last part.</param>
/// <param name="Parts">The parts; null in a manifest from before parts were recorded (one part then).</param>
/// <param name="Cloud">The cloud it certified, as the manifest names it; null in a manifest without it.</param>
public sealed record SavedRun(
    string Guideline,
    string Target,
    string Statuses,
    string Cpid,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    bool Compliant,
    bool Interrupted,
    int? Concurrency = null,
    long? TestTimeoutSeconds = null,
    string? GuidelineSource = null,
    string? TempestCommand = null,
    string? RerunOf = null,
    int TestsRun = 0,
    int? TempestExitCode = null,
    int SubunitParserErrors = 0,
    RunInterruption? Interruption = null,
    IReadOnlyList<RunPart>? Parts = null,
    SavedCloud? Cloud = null)
{
    /// <summary>snake_case, as the manifest is written.</summary>
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        WriteIndented = true,
    };

    /// <summary>The whole manifest as read: sections this part does not write again (cloud, validation, …) are carried over.</summary>
    [JsonIgnore]
    public JsonElement Document { get; init; }

    /// <summary>The parts so far; a manifest without <c>parts</c> was one part.</summary>
    [JsonIgnore]
    public IReadOnlyList<RunPart> PartList => Parts is { Count: > 0 } parts
        ? parts
        : [new RunPart(1, StartedAt, FinishedAt, TestsRun, TempestExitCode, Interrupted, Interruption, RunPart.SubunitFile(1), RunPart.LoadListFile(1), SubunitParserErrors)];

    /// <summary>Reads <c>manifest.json</c> of <paramref name="runDirectory"/>.</summary>
    /// <exception cref="InvalidDataException">It is missing or not a Stackmark manifest; the message names the file, JSON path and line.</exception>
    public static SavedRun Read(string runDirectory)
    {
        var path = Path.Combine(runDirectory, RunEngine.Files.Manifest);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path} does not exist: not a Stackmark run directory");
        }

        try
        {
            var bytes = File.ReadAllBytes(path);
            var run = JsonSerializer.Deserialize<SavedRun>(bytes, Json) ?? throw new JsonException("the manifest is null");
            using var doc = JsonDocument.Parse(bytes);
            return run with { Document = doc.RootElement.Clone() };
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 0 } p ? $" at {p}" : "";
            var line = e.LineNumber is { } n ? $", line {n + 1}" : "";
            throw new InvalidDataException($"{path}{where}{line}: not a Stackmark manifest ({e.Message.Split(". Path:")[0]})", e);
        }
    }
}

/// <summary>The cloud a run certified, as its manifest's <c>cloud</c> section names it.</summary>
/// <param name="Name">The clouds.yaml entry (or the name the OS_* variables gave it).</param>
/// <param name="Region">The region certified.</param>
public sealed record SavedCloud(string Name, string? Region = null);

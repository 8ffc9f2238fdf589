namespace Stackmark.Runner;

/// <summary>One stretch of Tempest in a run: the first, then one per <c>--resume</c>; recorded in the manifest's <c>parts</c>.</summary>
/// <param name="Number">1 for the first part.</param>
/// <param name="StartedAt">When Tempest started.</param>
/// <param name="FinishedAt">When it stopped.</param>
/// <param name="TestsRun">How many tests its load list gave Tempest.</param>
/// <param name="TempestExitCode">Tempest's exit code; null when nothing was left to run.</param>
/// <param name="Interrupted">Whether the part was stopped from outside.</param>
/// <param name="Interruption">What stopped it, and when.</param>
/// <param name="Subunit">Its raw subunit v2 stream, a file of the run directory (<c>subunit.v2</c> for part 1).</param>
/// <param name="LoadList">The test ids it gave Tempest, a file of the run directory.</param>
/// <param name="SubunitParserErrors">Corrupt spots in its stream.</param>
public sealed record RunPart(
    int Number,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    int TestsRun,
    int? TempestExitCode,
    bool Interrupted,
    RunInterruption? Interruption,
    string Subunit,
    string LoadList,
    int SubunitParserErrors)
{
    /// <summary>The subunit file of part <paramref name="number"/>: <c>subunit.v2</c>, then <c>subunit.2.v2</c>, …</summary>
    public static string SubunitFile(int number) => number == 1 ? RunEngine.Files.Subunit : $"subunit.{number}.v2";

    /// <summary>The load list of part <paramref name="number"/>: <c>test-list.txt</c>, then <c>test-list.2.txt</c>, …</summary>
    public static string LoadListFile(int number) => number == 1 ? RunEngine.Files.LoadList : $"test-list.{number}.txt";
}

using Stackmark.Tests.Support;

namespace Stackmark.Scoring.Tests.Support;

/// <summary>The official scoring worksheets in ../shared/interop/scoring.</summary>
internal static class Worksheets
{
    public static string Directory => Path.Combine(InteropData.Directory, "scoring");

    public static TheoryData<string> Names() => ["scoring.txt", "scoring_dns.txt", "scoring_nfv.txt", "scoring_orchestration.txt"];

    public static string Text(string name) => File.ReadAllText(Path.Combine(Directory, name));

    public static Worksheet Load(string name)
    {
        var result = WorksheetParser.Parse(Text(name), name);
        Assert.True(result.Success, result.ToString());
        return result.Value!;
    }

    public static ScoringScheme Scheme(string guideline) => ScoringScheme.For(InteropData.Load(guideline));
}

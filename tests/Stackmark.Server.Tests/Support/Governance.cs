using System.Net;

namespace Stackmark.Server.Tests.Support;

/// <summary>Scene builders for the governance features: stored worksheets, flag proposals and waivers, made through HTTP.</summary>
public static class Governance
{
    /// <summary>The official worksheets and the guideline each scores in the registry.</summary>
    public static IReadOnlyList<(string File, string Guideline)> OfficialWorksheets { get; } =
    [
        ("scoring.txt", "next"),
        ("scoring_dns.txt", "dns.next"),
        ("scoring_nfv.txt", "nfv.next"),
        ("scoring_orchestration.txt", "orchestration.next"),
    ];

    /// <summary>A small worksheet in the committee's format: two core lines, both right for the core weights since 2016.08.</summary>
    public const string SmallWorksheet = """
        Compute
        -------
        compute-flavors-list:  [1,1,1] [1,1,1] [1,1,0] [0,1,0] [1] [74]*
        compute-servers-create: [1,1,1] [1,1,1] [1,1,1] [1,1,1] [1] [100]*

        """;

    private static int _sheets;

    public static string WorksheetPath(string file) => Path.Combine(Interop.Directory, "scoring", file);

    /// <summary>A guideline id nobody used yet (an add-on name of letters, version next), for a fresh worksheet.</summary>
    public static string FreshGuideline()
    {
        var n = Interlocked.Increment(ref _sheets);
        var letters = new string([.. (Guid.NewGuid().ToString("N")[..8] + n).Select(c => (char)('a' + (c % 26)))]);
        return $"sheet{letters}.next";
    }

    /// <summary>Imports <paramref name="text"/> (default <see cref="SmallWorksheet"/>) for a fresh guideline as the foundation; returns the guideline.</summary>
    public static async Task<string> NewWorksheetAsync(this Scene scene, string? text = null)
    {
        var guideline = FreshGuideline();
        await scene.ExpectAsync(HttpStatusCode.Created, HttpMethod.Put, $"/v1/scoring/{guideline}", scene.Foundation, text: text ?? SmallWorksheet);
        return guideline;
    }

    /// <summary>A test of 2019.11 (listed by compute-flavors-list, not flagged there) to propose flags for.</summary>
    public const string FlavorsTest = "tempest.api.compute.flavors.test_flavors.FlavorsV2TestJSON.test_list_flavors";

    /// <summary>A new proposal by <paramref name="token"/> for <see cref="FlavorsTest"/> of 2019.11; returns its id.</summary>
    public static async Task<string> NewFlagProposalAsync(this Scene scene, string? token = null) =>
        (await scene.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/v1/flags", token ?? scene.User,
            new { guideline = "2019.11", test = FlavorsTest, reason = "D401", rationale = "bug 1234: the test lists flavors another test deletes" })).Str("id");

    /// <summary>A waiver for a product, granted by the foundation; returns its id.</summary>
    public static async Task<string> NewWaiverAsync(this Scene scene, string product, string expires = "2099-12-31") =>
        (await scene.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/products/{product}/waivers", scene.Foundation,
            new { tests = new[] { "tempest.api.compute.test_some.SomeTest.test_0" }, reason = "known bug", expires })).Str("id");
}

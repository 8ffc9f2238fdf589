using System.Text.RegularExpressions;

namespace Stackmark;

/// <summary>Why a test stopped counting: the committee's flag with its reason, action and date.</summary>
/// <remarks>
/// <see cref="ReasonCode"/> is the D4xx code parsed from the start of <see cref="Reason"/> (<c>D400 …</c> or
/// <c>[D400] …</c>), or null when the reason carries none (several official flags do not).
/// </remarks>
public sealed partial record Flag(string Reason, string? Action, string? Date)
{
    /// <summary>The reason codes of the interop process (D400–D406) and what each means.</summary>
    public static IReadOnlyDictionary<string, string> KnownReasonCodes { get; } = new Dictionary<string, string>
    {
        ["D400"] = "capability fails core criteria",
        ["D401"] = "accepted bug in the test",
        ["D402"] = "accepted bug in the capability's code",
        ["D403"] = "test also uses non-required capabilities",
        ["D404"] = "none of the above",
        ["D405"] = "implementation choice not widely deployed",
        ["D406"] = "test removed from the suite",
    };

    /// <summary>The D4xx code at the start of the reason, or null.</summary>
    public string? ReasonCode { get; } = ParseCode(Reason);

    private static string? ParseCode(string reason)
    {
        var m = CodePattern().Match(reason);
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^\s*\[?(D\d{3})\]?")]
    private static partial Regex CodePattern();
}

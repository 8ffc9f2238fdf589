using System.Globalization;
using System.Xml.Linq;

namespace Stackmark.Runner;

/// <summary>
/// <c>junit.xml</c>: one test suite per capability, for CI systems that read JUnit. The run's verdict is the
/// <c>verdict</c> attribute of <c>testsuites</c> and each capability's a <c>verdict</c> property of its suite; a test
/// the runner could not judge (<see cref="VerdictRule"/>) is skipped with its category, never a failure.
/// </summary>
public static class JUnitXml
{
    /// <summary>Builds the document.</summary>
    public static XDocument Build(RunSummary summary, IReadOnlyList<RunTestResult> results)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(results);
        var suites = new XElement("testsuites",
            new XAttribute("name", $"{summary.Guideline} {summary.Target}"),
            new XAttribute("verdict", summary.Verdict.ToWord()),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(IsFailure)),
            new XAttribute("skipped", results.Count(r => r.Status != TestStatus.Passed && !IsFailure(r))));
        foreach (var group in results.GroupBy(r => r.Planned.Capability.Id))
        {
            var verdict = VerdictRule.OfCounted(group.Where(r => !r.Planned.Test.IsFlagged).Select(r => (r.Status, r.NonPass?.CategoryWord)));
            var suite = new XElement("testsuite",
                new XAttribute("name", group.Key.Value),
                new XAttribute("tests", group.Count()),
                new XAttribute("failures", group.Count(IsFailure)),
                new XAttribute("skipped", group.Count(r => r.Status != TestStatus.Passed && !IsFailure(r))),
                new XAttribute("time", Seconds(group.Sum(r => r.Duration?.TotalSeconds ?? 0))),
                new XElement("properties",
                    new XElement("property", new XAttribute("name", "verdict"), new XAttribute("value", verdict.ToWord())),
                    new XElement("property", new XAttribute("name", "capability_status"), new XAttribute("value", group.First().Planned.Capability.Status.ToWord()))));
            foreach (var r in group)
            {
                var name = r.Planned.Test.Name.Value;
                var dot = name.LastIndexOf('.');
                var testCase = new XElement("testcase",
                    new XAttribute("classname", dot > 0 ? name[..dot] : name),
                    new XAttribute("name", dot > 0 ? name[(dot + 1)..] : name),
                    new XAttribute("time", Seconds(r.Duration?.TotalSeconds ?? 0)));
                switch (r.Status)
                {
                    case TestStatus.Failed when IsFailure(r):
                        testCase.Add(new XElement("failure", new XAttribute("message", r.NonPass?.Reason ?? "failed"), new XAttribute("type", r.NonPass?.CategoryWord ?? "failure")));
                        break;
                    case TestStatus.Failed:
                    case TestStatus.Skipped:
                    case TestStatus.NotRun:
                        testCase.Add(new XElement("skipped", new XAttribute("message", $"{r.NonPass?.CategoryWord}: {r.NonPass?.Reason}")));
                        break;
                }

                suite.Add(testCase);
            }

            suites.Add(suite);
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }

    // A failure the runner caused (no account for it, a stopped run) is not the cloud's: CI shows it as skipped.
    private static bool IsFailure(RunTestResult r) => r.Status == TestStatus.Failed && r.NonPass?.IsRunnersOwn != true;

    private static string Seconds(double s) => s.ToString("0.000", CultureInfo.InvariantCulture);
}

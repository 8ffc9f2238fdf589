using System.Globalization;
using System.Xml.Linq;

namespace Stackmark.Runner;

/// <summary><c>junit.xml</c>: one test suite per capability, for CI systems that read JUnit.</summary>
public static class JUnitXml
{
    /// <summary>Builds the document.</summary>
    public static XDocument Build(RunSummary summary, IReadOnlyList<RunTestResult> results)
    {
        var suites = new XElement("testsuites",
            new XAttribute("name", $"{summary.Guideline} {summary.Target}"),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => r.Status == TestStatus.Failed)),
            new XAttribute("skipped", results.Count(r => r.Status is TestStatus.Skipped or TestStatus.NotRun)));
        foreach (var group in results.GroupBy(r => r.Planned.Capability.Id))
        {
            var suite = new XElement("testsuite",
                new XAttribute("name", group.Key.Value),
                new XAttribute("tests", group.Count()),
                new XAttribute("failures", group.Count(r => r.Status == TestStatus.Failed)),
                new XAttribute("skipped", group.Count(r => r.Status is TestStatus.Skipped or TestStatus.NotRun)),
                new XAttribute("time", Seconds(group.Sum(r => r.Duration?.TotalSeconds ?? 0))));
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
                    case TestStatus.Failed:
                        testCase.Add(new XElement("failure", new XAttribute("message", r.NonPass?.Reason ?? "failed"), new XAttribute("type", r.NonPass?.CategoryWord ?? "failure")));
                        break;
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

    private static string Seconds(double s) => s.ToString("0.000", CultureInfo.InvariantCulture);
}

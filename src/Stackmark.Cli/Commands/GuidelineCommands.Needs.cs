using Stackmark.Tempest;

namespace Stackmark.Cli.Commands;

// `guidelines tests --needs`: the tests that need something of the cloud, each with the source that says so.
internal static partial class GuidelineCommands
{
    private static void WriteNeeds(CliContext cx, Guideline g, TestPlan plan, TempestTree tree, string need, bool json)
    {
        Func<TestName, IReadOnlyList<Evidence>> evidenceOf = need switch
        {
            "guest-access" => t => GateEvidence(tree, t, o => o.IsGuestValidation),
            "guest-os" => t => [.. tree.GuestCallsOf(t).Select(c => new Evidence(c, null))],
            _ when need.Split('.') is [var section, var key] => t => GateEvidence(tree, t, o => o.Section == section && o.Key == key),
            _ => throw new UsageException($"--needs '{need}' is not guest-access, guest-os or SECTION.KEY"),
        };
        var found = plan.Tests
            .Select(p => (Planned: p, Evidence: p.Resolved is { } r ? evidenceOf(r) : []))
            .Where(e => e.Evidence.Count > 0)
            .OrderBy(e => e.Planned.Test.Name)
            .ToList();
        if (json)
        {
            WriteJson(cx, w =>
            {
                w.WriteStartArray();
                foreach (var (p, evidence) in found)
                {
                    w.WriteStartObject();
                    w.WriteString("name", p.Test.Name.Value);
                    if (p.Test.Id is { } id)
                    {
                        w.WriteString("id", id.ToString());
                    }

                    w.WriteString("capability", p.Capability.Id.Value);
                    w.WriteStartArray("evidence");
                    foreach (var e in evidence)
                    {
                        w.WriteStartObject();
                        if (e.Call is { } c)
                        {
                            w.WriteString("file", c.File);
                            w.WriteNumber("line", c.Line);
                            w.WriteString("method", c.Method);
                            w.WriteString("code", c.Code);
                        }
                        else
                        {
                            w.WriteString("gate", e.Gate!.ToString());
                            w.WriteBoolean("runs_when", e.Gate.RunsWhen);
                            if (e.Gate.File is { } file)
                            {
                                w.WriteString("file", file);
                                w.WriteNumber("line", e.Gate.Line);
                                w.WriteString("code", e.Gate.Code);
                            }
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
            return;
        }

        // One line a test: the RefStack line, its capability, then the first piece of evidence.
        foreach (var (p, evidence) in found)
        {
            cx.Out.Write($"{p.Test.Name}{(g.HasIdempotentIds ? $"[{p.Test.RawId}]" : "")} {p.Capability.Id}  {evidence[0]}\n");
        }
    }

    // The evidence of a gate: the option, the value the test needs, and the line that says so.
    private static IReadOnlyList<Evidence> GateEvidence(TempestTree tree, TestName test, Func<TempestOption, bool> matches) =>
        [.. tree.GatesOf(test).Where(matches).Select(o => new Evidence(null, o))];

    /// <summary>Why a test needs something: the remote-client call it makes, or the option that gates it.</summary>
    private sealed record Evidence(GuestCall? Call, TempestOption? Gate)
    {
        public override string ToString() => Call?.ToString()
            ?? $"skipped unless {Gate} is {(Gate!.RunsWhen ? "true" : "false")}{(Gate.File is { } f ? $": {f}:{Gate.Line} {Gate.Code}" : "")}";
    }
}

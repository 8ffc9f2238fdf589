using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Stackmark.Cli.Views;
using Stackmark.Guidelines;
using Stackmark.Tempest;

namespace Stackmark.Cli.Commands;

/// <summary><c>stackmark guidelines list|show|tests|validate|diff|update</c>.</summary>
internal static partial class GuidelineCommands
{
    public static Command Create(CliContext cx) => new("guidelines", "Read, list, validate and compare interoperability guidelines.")
    {
        List(cx), Show(cx), Tests(cx), Validate(cx), Diff(cx), GuidelineUpdateCommand.Create(cx),
    };

    private static Command List(CliContext cx)
    {
        var source = CommonOptions.Source();
        var format = CommonOptions.Format("text", "json");
        var command = new Command("list", "Every guideline and add-on in the source, with schema, status and targets.") { source, format };
        command.SetAction(async (parse, ct) =>
        {
            var src = CommonOptions.OpenSource(cx, parse.GetValue(source));
            var loaded = new List<(GuidelineId Id, LoadResult Result)>();
            foreach (var id in await src.ListAsync(ct))
            {
                loaded.Add((id, await src.LoadAsync(id, ct)));
            }

            if (parse.GetValue(format) == "json")
            {
                WriteJson(cx, w =>
                {
                    w.WriteStartArray();
                    foreach (var (id, r) in loaded)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", id.ToString());
                        if (r.Value is { } g)
                        {
                            w.WriteString("kind", g.Kind == GuidelineKind.Core ? "core" : "add-on");
                            w.WriteString("schema", g.Schema);
                            w.WriteString("status", g.Metadata.Status);
                            w.WriteStartArray("targets");
                            foreach (var t in g.Targets)
                            {
                                w.WriteStringValue(t.Key);
                            }

                            w.WriteEndArray();
                            w.WriteNumber("capabilities", g.Capabilities.Count);
                            w.WriteNumber("warnings", g.Warnings.Count);
                        }
                        else
                        {
                            w.WriteString("error", r.Error!.ToString());
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                cx.Console.Write(GuidelineViews.List(src.Description, loaded));
            }

            return loaded.All(l => l.Result.Success) ? ExitCodes.Ok : ExitCodes.NotCompliant;
        });
        return command;
    }

    private static Command Show(CliContext cx)
    {
        var version = new Argument<string>("VERSION") { Description = "Guideline version: 2020.06, next, dns.2020.06." };
        var source = CommonOptions.Source();
        var warnings = new Option<bool>("--warnings") { Description = "List every tolerated quirk with its location." };
        var command = new Command("show", "A guideline's programs, components, capability counts by status and designated sections.") { version, source, warnings };
        command.SetAction(async (parse, ct) =>
        {
            var src = CommonOptions.OpenSource(cx, parse.GetValue(source));
            var g = await CommonOptions.LoadAsync(cx, src, CommonOptions.ParseVersion(parse.GetValue(version)!), ct);
            cx.Console.Write(GuidelineViews.Show(g));
            cx.Console.Write(GuidelineViews.Sections(g));
            cx.Console.Write(GuidelineViews.Warnings(g.Warnings.Select(w => new Finding(Severity.Warning, w.Code, w.Message, w.Location)).ToList(), parse.GetValue(warnings)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Tests(CliContext cx)
    {
        var version = new Argument<string>("VERSION") { Description = "Guideline version: 2020.06, next, dns.2020.06." };
        var source = CommonOptions.Source();
        var target = CommonOptions.Target();
        var type = new Option<string>("--type") { Description = "Comma-separated capability statuses: required, advisory, deprecated, removed (default: all)." };
        var noFlagged = new Option<bool>("--no-flagged") { Description = "Leave out flagged tests." };
        var noAliases = new Option<bool>("--no-aliases") { Description = "Do not list aliases (old names) of tests." };
        var format = CommonOptions.Format("text", "json");
        var tempest = new Option<string?>("--tempest") { Description = "A Tempest tree (e.g. /usr/lib/python3/dist-packages/tempest), for --needs." };
        var needs = new Option<string?>("--needs")
        {
            Description = "Only tests that need this, read from the Tempest source, each with its evidence: guest-access (skipped unless "
                + "[validation] run_validation: cannot pass without logging into a guest), guest-os (runs Linux commands in its guest "
                + "over SSH when validation is on: the first call site), or SECTION.KEY (gated on that option).",
        };
        var command = new Command("tests", "The test list of a target, as RefStack's /v1/guidelines/{version}/tests serves it.")
        {
            version, source, target, type, noFlagged, noAliases, format, tempest, needs,
        };
        command.SetAction(async (parse, ct) =>
        {
            var src = CommonOptions.OpenSource(cx, parse.GetValue(source));
            var targetKey = parse.GetValue(target)!;
            var g = await CommonOptions.LoadForTargetAsync(cx, src, CommonOptions.ParseVersion(parse.GetValue(version)!), targetKey, ct);
            var query = new TestListQuery(targetKey, CommonOptions.ParseStatuses(parse.GetValue(type)), !parse.GetValue(noFlagged), !parse.GetValue(noAliases));
            if (parse.GetValue(needs) is { } need)
            {
                var tree = parse.GetValue(tempest) is { } root && Directory.Exists(root) ? TempestTree.Scan(root)
                    : throw new UsageException("--needs reads the Tempest source: give --tempest PATH (e.g. /usr/lib/python3/dist-packages/tempest)");
                WriteNeeds(cx, g, TestPlan.Create(g, query, tree), tree, need, parse.GetValue(format) == "json");
                return ExitCodes.Ok;
            }

            if (parse.GetValue(format) == "json")
            {
                WriteJson(cx, w => WriteTests(w, g, query));
            }
            else
            {
                foreach (var line in g.TestListLines(query))
                {
                    cx.Out.Write(line);
                    cx.Out.Write('\n');
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteTests(Utf8JsonWriter w, Guideline g, TestListQuery query)
    {
        w.WriteStartArray();
        foreach (var (cap, test) in g.Tests(query).OrderBy(t => t.Test.Name))
        {
            w.WriteStartObject();
            w.WriteString("name", test.Name.Value);
            if (test.Id is { } id)
            {
                w.WriteString("idempotent_id", id.ToString());
            }

            w.WriteString("capability", cap.Id.Value);
            w.WriteString("status", cap.Status.ToWord());
            w.WriteStartArray("aliases");
            foreach (var a in query.IncludeAliases ? test.Aliases : [])
            {
                w.WriteStringValue(a.Value);
            }

            w.WriteEndArray();
            if (test.Flag is { } f)
            {
                w.WriteStartObject("flagged");
                w.WriteString("reason", f.Reason);
                w.WriteString("reason_code", f.ReasonCode);
                w.WriteString("action", f.Action);
                w.WriteString("date", f.Date);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static Command Validate(CliContext cx)
    {
        var files = new Argument<string[]>("FILE") { Description = "Guideline files to check.", Arity = ArgumentArity.OneOrMore };
        var tempest = new Option<string?>("--tempest") { Description = "A Tempest tree (e.g. /usr/lib/python3/dist-packages/tempest) to check that every test name and idempotent id exists; plugin trees may be added after a comma." };
        var verbose = new Option<bool>("--warnings") { Description = "List every warning, not only a count per kind." };
        var command = new Command("validate", "Structure and consistency checks; exit 1 on errors, 0 with warnings only.") { files, tempest, verbose };
        command.SetAction(async (parse, ct) =>
        {
            ITestCatalog? catalog = null;
            if (parse.GetValue(tempest) is { } tree)
            {
                var roots = tree.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                foreach (var r in roots.Where(r => !Directory.Exists(r)))
                {
                    throw new UsageException($"--tempest: {r} is not a directory");
                }

                catalog = await Task.Run(() => TempestTree.Scan(roots), ct);
            }

            var errors = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                if (!File.Exists(file))
                {
                    throw new UsageException($"{file} does not exist");
                }

                var result = GuidelineLoader.Load(await File.ReadAllBytesAsync(file, ct), file);
                if (result.Value is not { } g)
                {
                    cx.Console.MarkupLineInterpolated($"[red]✗[/] {file}: {result.Error!.Message}");
                    cx.Console.MarkupLineInterpolated($"    at {result.Error.Location}");
                    errors++;
                    continue;
                }

                var previous = LoadPrevious(file, g);
                var findings = GuidelineValidator.Validate(g, file, previous, catalog);
                var e = findings.Count(f => f.Severity == Severity.Error);
                errors += e;
                var mark = e > 0 ? "[red]✗[/]" : "[green]✓[/]";
                cx.Console.MarkupLine($"{mark} {Markup.Escape(file)}: schema {g.Schema}, {e} errors, {findings.Count - e} warnings" +
                    (previous is null ? "" : Markup.Escape($" (lifecycle checked against {previous.Id})")));
                cx.Console.Write(GuidelineViews.Warnings(findings, parse.GetValue(verbose)));
            }

            return errors == 0 ? ExitCodes.Ok : ExitCodes.NotCompliant;
        });
        return command;
    }

    /// <summary>The guideline named by <c>replaces</c>, read from the same directory (and its add-ons/), if present.</summary>
    private static Guideline? LoadPrevious(string file, Guideline g)
    {
        if (!GuidelineId.TryParse(g.Metadata.Replaces, out var prev))
        {
            return null;
        }

        // Add-ons write replaces both with and without their prefix ("dns.2019.11", "2018.02").
        if (g.Id.AddOn is { } addOn && prev.AddOn is null)
        {
            prev = prev.WithAddOn(addOn);
        }

        var dir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var candidates = new[] { Path.Combine(dir, prev + ".json"), Path.Combine(dir, "add-ons", prev + ".json"), Path.Combine(dir, "..", prev + ".json") };
        var path = candidates.FirstOrDefault(File.Exists);
        return path is null ? null : GuidelineLoader.Load(File.ReadAllBytes(path), path, prev).Value;
    }

    private static Command Diff(CliContext cx)
    {
        var older = new Argument<string>("OLD") { Description = "The older guideline version." };
        var newer = new Argument<string>("NEW") { Description = "The newer guideline version." };
        var source = CommonOptions.Source();
        var target = new Option<string?>("--target", "-t") { Description = "Only this target (default: every target both share)." };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("diff", "Capabilities and tests added, removed, changed between two guidelines, per target; then designated sections.") { older, newer, source, target, format };
        command.SetAction(async (parse, ct) =>
        {
            var src = CommonOptions.OpenSource(cx, parse.GetValue(source));
            var a = await CommonOptions.LoadAsync(cx, src, CommonOptions.ParseVersion(parse.GetValue(older)!), ct);
            var b = await CommonOptions.LoadAsync(cx, src, CommonOptions.ParseVersion(parse.GetValue(newer)!), ct);
            IReadOnlyList<TargetDiff> diffs;
            if (parse.GetValue(target) is { } t)
            {
                if (a.FindTarget(t) is null || b.FindTarget(t) is null)
                {
                    throw new UsageException($"target '{t}' is not in both {a.Id} and {b.Id}");
                }

                diffs = [TargetDiff.Compare(a, b, t)];
            }
            else
            {
                diffs = TargetDiff.Compare(a, b);
            }

            var sections = SectionDiff.Compare(a, b);
            if (parse.GetValue(format) == "json")
            {
                WriteJson(cx, w => DiffJson.Write(w, a.Id, b.Id, diffs, sections));
            }
            else
            {
                cx.Console.Write(GuidelineViews.Diff(a.Id, b.Id, diffs));
                cx.Console.Write(GuidelineViews.SectionDiff(sections));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    internal static void WriteJson(CliContext cx, Action<Utf8JsonWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            write(w);
        }

        cx.Out.Write(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
        cx.Out.Write('\n');
    }
}

using System.CommandLine;
using Stackmark.Guidelines;

namespace Stackmark.Cli.Commands;

/// <summary>
/// <c>stackmark guidelines update [--source URL|DIR]</c>: fetch the guidelines into the user cache, each loaded and
/// validated before it is written. Exit 0, or 1 when a file was rejected (the others are still written).
/// </summary>
internal static class GuidelineUpdateCommand
{
    public static Command Create(CliContext cx)
    {
        var source = new Option<string>("--source", "-s")
        {
            Description = $"Where to fetch from: a forge repository read through its contents API (Gitea, Forgejo, GitHub), a registry's …/v1/guidelines, or a directory; either upstream layout. Default: {GuidelineSources.Upstream}.",
            DefaultValueFactory = _ => GuidelineSources.Upstream,
        };
        var command = new Command("update", "Fetch guidelines into the user cache, which then serves them before the built-in copy.") { source };
        command.SetAction(async (parse, ct) =>
        {
            var cache = cx.GuidelineCache ?? GuidelineCache.ForUser();
            var from = GuidelineSources.OpenForUpdate(parse.GetValue(source)!);
            cx.Out.WriteLine($"Updating {cache.Directory} from {from.Description}");
            var update = await GuidelineUpdater.UpdateAsync(from, cache, ct);
            foreach (var e in update.Entries.Where(e => e.Outcome != GuidelineUpdateOutcome.Unchanged))
            {
                cx.Out.WriteLine($"  {Word(e.Outcome),-9} {e.Id}{(e.Reason is null ? "" : ": " + e.Reason)}");
            }

            cx.Out.WriteLine($"{update.Count(GuidelineUpdateOutcome.Added)} added, {update.Count(GuidelineUpdateOutcome.Changed)} changed, " +
                $"{update.Count(GuidelineUpdateOutcome.Unchanged)} unchanged, {update.Count(GuidelineUpdateOutcome.Rejected)} rejected");
            return update.Count(GuidelineUpdateOutcome.Rejected) == 0 ? ExitCodes.Ok : ExitCodes.NotCompliant;
        });
        return command;
    }

    private static string Word(GuidelineUpdateOutcome outcome) => outcome switch
    {
        GuidelineUpdateOutcome.Added => "added",
        GuidelineUpdateOutcome.Changed => "changed",
        GuidelineUpdateOutcome.Unchanged => "unchanged",
        _ => "rejected",
    };
}

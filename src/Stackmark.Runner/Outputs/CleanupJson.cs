using System.Text.Json;
using Stackmark.OpenStack;

namespace Stackmark.Runner;

/// <summary>The manifest's <c>cleanup</c> section: each account's inventory before the run, what was removed after it, what could not be and why, and the pristine-account preconditions that were not met.</summary>
public static class CleanupJson
{
    /// <summary>Writes the section's object.</summary>
    public static void Write(Utf8JsonWriter w, IReadOnlyList<AccountInventory> before, IReadOnlyList<AccountCleanup> after, IReadOnlyList<UnmetPrecondition> unmet)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(unmet);
        w.WriteStartObject();
        w.WriteStartArray("accounts");
        foreach (var inventory in before)
        {
            var done = after.FirstOrDefault(a => a.Account == inventory.Account);
            w.WriteStartObject();
            w.WriteString("account", inventory.Account.ToString());
            w.WriteString("project_id", inventory.Account.ProjectId);
            w.WriteNumber("resources_before", inventory.Resources.Count);
            Strings(w, "inventory_failures", inventory.Failures);
            if (done is null)
            {
                w.WriteString("skipped_because", "no cleanup ran");
            }
            else
            {
                w.WriteString("skipped_because", done.SkippedBecause);
                Strings(w, "removed", done.Removed.Select(r => r.ToString()));
                w.WriteStartArray("not_removed");
                foreach (var f in done.NotRemoved)
                {
                    w.WriteStartObject();
                    w.WriteString("resource", f.Resource.ToString());
                    w.WriteString("reason", f.Reason);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                Strings(w, "not_listed", done.NotListed);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("unmet_preconditions");
        foreach (var u in unmet)
        {
            w.WriteStartObject();
            w.WriteString("account", u.Account.ToString());
            w.WriteString("test", u.Precondition.Test);
            w.WriteString("requirement", u.Precondition.Requirement.ToString());
            w.WriteString("in_the_way", u.InTheWay);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}

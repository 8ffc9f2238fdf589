using System.Text;
using System.Text.RegularExpressions;

namespace Stackmark;

/// <content>A guest that never became reachable over SSH, with the tail of its console.</content>
public sealed partial record NonPass
{
    /// <summary>How many console lines a reason carries: enough to show where the boot stopped.</summary>
    public const int ConsoleLines = 5;

    /// <summary>
    /// The non-pass of a guest Tempest could not reach, or null when the traceback is not about that. Tempest's
    /// <c>tempest/lib/common/ssh.py</c> raises <c>SSHTimeout("Connection to the HOST via SSH timed out.\nUser: U, …")</c>
    /// once <c>[validation] ssh_timeout</c> has passed; <c>tempest/common/waiters.py</c>'s <c>wait_for_ssh</c> and
    /// <c>wait_for_ping</c> turn that into a bare <c>TimeoutException</c>. Before re-raising, the <c>debug_ssh</c>
    /// wrapper of <c>tempest/lib/common/utils/linux/remote_client.py</c> logs <c>Console log for server ID: …</c>, and
    /// scenario tests log <c>Console output for ID\nbody=\n…</c>: both at DEBUG, so they reach the test's captured log.
    /// </summary>
    internal static NonPass? GuestUnreachable(string? traceback, string? log)
    {
        var tb = traceback ?? "";
        string what;
        if (SshTimeout().Match(tb) is { Success: true } m)
        {
            what = $"guest unreachable: SSH to {m.Groups["user"].Value.Trim()}@{m.Groups["host"].Value} timed out ([validation] ssh_timeout)";
        }
        else if (tb.Contains("TimeoutException", StringComparison.Ordinal) && tb.Contains(", in wait_for_ssh", StringComparison.Ordinal))
        {
            what = "guest unreachable: the server never accepted SSH within [compute] build_timeout (waiters.wait_for_ssh)";
        }
        else if (tb.Contains("TimeoutException", StringComparison.Ordinal) && tb.Contains(", in wait_for_ping", StringComparison.Ordinal))
        {
            what = "guest unreachable: the server never answered ping within [compute] build_timeout (waiters.wait_for_ping)";
        }
        else
        {
            return null;
        }

        var console = LastConsole(log) ?? LastConsole(tb);
        return new(NonPassCategory.Timeout, console is { } c
            ? $"{what}; console of server {c.Server}, last lines: {string.Join(" | ", c.Lines)}"
            : $"{what}; no console log was captured");
    }

    // The last console dump in the text: Tempest logs one per failed attempt, and the last shows the furthest boot.
    private static (string Server, IReadOnlyList<string> Lines)? LastConsole(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        Match? last = null;
        foreach (Match m in ConsoleStart().Matches(text))
        {
            last = m;
        }

        if (last is null)
        {
            return null;
        }

        // The dump runs to the next log record ("2026-11-30 15:06:34,298 1325 DEBUG    [logger] …") or the end.
        var body = text[(last.Index + last.Length)..];
        var next = LogRecord().Match(body);
        if (next.Success)
        {
            body = body[..next.Index];
        }

        var lines = body.Split('\n').Select(Clean).Where(l => l.Length > 0).TakeLast(ConsoleLines).ToList();
        return lines.Count == 0 ? null : (last.Groups["id"].Value, lines);
    }

    // Console output is raw serial output: carriage returns, escape sequences, control characters.
    private static string Clean(string line)
    {
        var sb = new StringBuilder(line.Length);
        foreach (var ch in AnsiEscape().Replace(line, ""))
        {
            if (!char.IsControl(ch))
            {
                sb.Append(ch);
            }
        }

        var clean = sb.ToString().Trim();
        return clean.Length > 160 ? clean[..159] + "…" : clean;
    }

    [GeneratedRegex(@"SSHTimeout: Connection to the (?<host>\S+) via SSH timed out\.\s*User: (?<user>[^,\r\n]*)")]
    private static partial Regex SshTimeout();

    [GeneratedRegex(@"(?:Console log for server (?<id>\S+): |Console output for (?<id>\S+)\r?\nbody=\r?\n)")]
    private static partial Regex ConsoleStart();

    [GeneratedRegex(@"(?m)^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[.,]\d+ \d+ [A-Z]+ ")]
    private static partial Regex LogRecord();

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}

using System.Globalization;
using System.Runtime.InteropServices;

namespace Stackmark.Runner;

/// <summary>
/// The session and process group a child leads when started through <c>setsid</c>: Tempest, stestr and every worker
/// they fork. Signalled as a whole, and empty only when <c>/proc</c> shows none of them alive.
/// </summary>
/// <remarks>
/// A worker that made a group of its own stays in the session, so both ids are matched. Zombies are dead (only their
/// parent's wait is missing) and do not count. Linux only; elsewhere <see cref="Members"/> is empty.
/// </remarks>
internal sealed partial class ProcessGroup(int id)
{
    /// <summary>SIGINT: stestr stops its workers and flushes the results of the tests that finished.</summary>
    public const int Interrupt = 2;

    /// <summary>SIGKILL.</summary>
    public const int Kill = 9;

    /// <summary>SIGTERM.</summary>
    public const int Terminate = 15;

    /// <summary>The leader's pid: the group's and session's id.</summary>
    public int Id => id;

    /// <summary>The live processes of the session or group.</summary>
    public IReadOnlyList<int> Members()
    {
        var members = new List<int>();
        if (!Directory.Exists("/proc"))
        {
            return members;
        }

        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && IsMember(pid))
            {
                members.Add(pid);
            }
        }

        return members;
    }

    /// <summary>Sends <paramref name="signal"/> to the group, and to any member that left it for a group of its own.</summary>
    public void Signal(int signal)
    {
        _ = KillProcess(-id, signal);
        foreach (var pid in Members())
        {
            _ = KillProcess(pid, signal);
        }
    }

    /// <summary>Waits until no member is alive; false when <paramref name="limit"/> passed or <paramref name="cancellationToken"/> was cancelled first.</summary>
    public async Task<bool> WaitEmptyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (Members().Count > 0)
        {
            if (DateTime.UtcNow >= deadline || cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Stops every member: SIGINT, then SIGTERM after <paramref name="grace"/>, then SIGKILL after as long again;
    /// <paramref name="force"/> skips straight to SIGKILL. Returns when no member is left.
    /// </summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken force)
    {
        foreach (var signal in new[] { Interrupt, Terminate })
        {
            if (force.IsCancellationRequested)
            {
                break;
            }

            Signal(signal);
            if (await WaitEmptyAsync(grace, force).ConfigureAwait(false))
            {
                return;
            }
        }

        // SIGKILL cannot be refused; wait for the kernel to take the processes down.
        Signal(Kill);
        while (!await WaitEmptyAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false))
        {
            Signal(Kill);
        }
    }

    private bool IsMember(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // Gone while listing.
        }

        // "pid (comm) state ppid pgrp session …": comm may hold spaces and parentheses, so parse after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 3 && fields[0] != "Z" && fields[0] != "X"
            && (fields[2] == id.ToString(CultureInfo.InvariantCulture) || fields[3] == id.ToString(CultureInfo.InvariantCulture));
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillProcess(int pid, int signal);
}

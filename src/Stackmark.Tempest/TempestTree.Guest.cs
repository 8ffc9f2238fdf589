using System.Text.RegularExpressions;

namespace Stackmark.Tempest;

// The guest commands a test runs when validation is on, read from its source: the lines of the test method, and of
// every self./cls. helper it calls (resolved from the test's own class, as Python dispatches them), that build
// Tempest's remote client or call it. Tempest guards most of these with `if CONF.validation.run_validation:` rather
// than a skip, so a cloud whose guests are not Linux fails these tests instead of skipping them.
public sealed partial class TempestTree
{
    // Helpers call helpers; Tempest's chains are 2-3 deep, and the limit keeps a pathological tree bounded.
    private const int MaxHelperDepth = 8;

    // The public methods of RemoteClient in Tempest 33: tempest/lib/common/utils/linux/remote_client.py and its
    // subclass tempest/common/utils/linux/remote_client.py. Each runs a command in the guest over SSH.
    private static readonly string[] RemoteClientMethods =
    [
        "exec_command", "validate_authentication", "ping_host", "mount_config_drive", "unmount_config_drive",
        "get_disks", "list_disks", "get_boot_time", "write_to_console", "get_mac_address", "get_nic_name_by_mac",
        "get_nic_name_by_ip", "get_dns_servers", "renew_lease", "mount", "umount", "make_fs", "nc_listen_host",
        "nc_host", "icmp_check", "udp_check", "tcp_check",
    ];

    private readonly Dictionary<TestName, IReadOnlyList<GuestCall>> _guestCalls = [];

    /// <summary>
    /// Where <paramref name="test"/> runs commands inside its guest when validation is on: the calls that build or use
    /// Tempest's remote client in the test method and, transitively, in the <c>self.</c>/<c>cls.</c> helpers it calls
    /// within the scanned trees, in the order the source reaches them. Empty for an unknown test or one that never
    /// logs into a guest. Calls through module functions (<c>compute.create_test_server</c>) are not followed.
    /// </summary>
    public IReadOnlyList<GuestCall> GuestCallsOf(TestName test) => _guestCalls.TryGetValue(test, out var calls) ? calls : [];

    private static List<GuestCall> GuestCalls(Dictionary<string, PyModule> modules, PyModule module, PyClass cls, string test)
    {
        var calls = new List<GuestCall>();
        var seenLines = new HashSet<(string, int)>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        Visit(test, 0);
        return calls;

        void Visit(string method, int depth)
        {
            if (depth > MaxHelperDepth || FindDef(modules, module, cls, method, []) is not var (m, c, def) || !visited.Add($"{m.Name}.{c.Name}.{method}"))
            {
                return;
            }

            var clients = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (line, code) in def.Body)
            {
                if (IsGuestCall(code, clients) && seenLines.Add((m.File, line)))
                {
                    calls.Add(new GuestCall(m.File, line, $"{c.Name}.{method}", code));
                }

                foreach (Match helper in SelfCall().Matches(code))
                {
                    Visit(helper.Groups[1].Value, depth + 1);
                }
            }
        }
    }

    // Python's lookup of self.name: the class's own definition first, then its bases' left to right.
    private static (PyModule, PyClass, PyDef)? FindDef(Dictionary<string, PyModule> modules, PyModule module, PyClass cls, string name, HashSet<string> visiting)
    {
        if (cls.Defs.TryGetValue(name, out var own))
        {
            return (module, cls, own);
        }

        if (!visiting.Add(module.Name + "." + cls.Name))
        {
            return null;
        }

        foreach (var b in cls.Bases)
        {
            if (Resolve(modules, module, b) is var (m, c) && FindDef(modules, m, c, name, visiting) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    // A line that builds a remote client (remembering the name it is bound to), or calls one of its methods on such a
    // name or on a receiver Tempest names as one (linux_client, ssh_client, self.ssh_client, ssh).
    private static bool IsGuestCall(string code, HashSet<string> clients)
    {
        if (code.StartsWith("def ", StringComparison.Ordinal) || code.StartsWith("async def ", StringComparison.Ordinal) || code.StartsWith("class ", StringComparison.Ordinal))
        {
            return false;
        }

        if (RemoteClientConstruction().IsMatch(code))
        {
            if (Assignment().Match(code) is { Success: true } a)
            {
                clients.Add(a.Groups[1].Value);
            }

            return true;
        }

        foreach (Match use in MethodCall().Matches(code))
        {
            var receiver = use.Groups[1].Value;
            var last = receiver[(receiver.LastIndexOf('.') + 1)..];
            if (RemoteClientMethods.Contains(use.Groups[2].Value, StringComparer.Ordinal)
                && (clients.Contains(receiver) || last.Contains("ssh", StringComparison.OrdinalIgnoreCase)
                    || last.Contains("linux", StringComparison.OrdinalIgnoreCase) || last.Contains("remote", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\b(?:self|cls)\.(\w+)\(")]
    private static partial Regex SelfCall();

    [GeneratedRegex(@"\b(?:RemoteClient|get_remote_client)\(")]
    private static partial Regex RemoteClientConstruction();

    [GeneratedRegex(@"^([\w\.]+)\s*=(?!=)")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"([\w\.]+)\.(\w+)\(")]
    private static partial Regex MethodCall();

    /// <summary>A method of a class: its name and its body's lines (1-based number, trimmed code), without docstrings or comments.</summary>
    private sealed record PyDef(string Name, IReadOnlyList<(int Line, string Code)> Body);

    private sealed partial class PyModule
    {
        // A second pass over the module for method bodies: a def directly in a class runs until the next line at or
        // left of its indent; nested functions stay part of their method.
        private static void ReadDefs(PyModule module, string[] lines)
        {
            PyClass? cls = null;
            var classIndent = -1;
            (int Indent, List<(int, string)> Body)? def = null;
            string? openString = null;
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (openString is not null)
                {
                    if (line.Contains(openString, StringComparison.Ordinal))
                    {
                        openString = null;
                    }

                    continue;
                }

                openString = CountOf(line, "\"\"\"") % 2 == 1 ? "\"\"\"" : CountOf(line, "'''") % 2 == 1 ? "'''" : null;
                var code = line.Trim();
                if (openString is not null || code.Length == 0 || code.StartsWith('#'))
                {
                    continue;
                }

                var indent = line.Length - line.TrimStart().Length;
                if (def is { } d && indent > d.Indent)
                {
                    d.Body.Add((i + 1, code));
                    continue;
                }

                def = null;
                if (indent == 0)
                {
                    cls = ClassLine().Match(line) is { Success: true } cm ? module.Classes.GetValueOrDefault(cm.Groups[1].Value) : null;
                    classIndent = -1;
                    continue;
                }

                if (cls is null || DefLine().Match(code) is not { Success: true } dm)
                {
                    continue;
                }

                // The class body's indent is that of its first def; deeper defs belong to a nested class.
                classIndent = classIndent < 0 ? indent : classIndent;
                if (indent == classIndent)
                {
                    var body = new List<(int, string)>();
                    cls.Defs.TryAdd(dm.Groups[1].Value, new PyDef(dm.Groups[1].Value, body));
                    def = (indent, body);
                }
            }
        }

        [GeneratedRegex(@"^(?:async\s+)?def\s+(\w+)\s*\(")]
        private static partial Regex DefLine();
    }
}

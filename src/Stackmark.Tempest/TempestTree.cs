using System.Text.RegularExpressions;

namespace Stackmark.Tempest;

/// <summary>
/// The tests of a Tempest source tree (and plugin trees), found by reading the Python source: test classes in
/// <c>test*.py</c> modules with every <c>test*</c> method they define or inherit, and the idempotent id of each.
/// </summary>
/// <remarks>
/// This is a static reading, not an import: it follows class bases through <c>import</c>/<c>from … import</c>
/// statements within the scanned trees, which is how Tempest's test classes are built. Bases outside the trees
/// (unittest, testtools) contribute no tests. Immutable after <see cref="Scan"/>; thread-safe for reads.
/// </remarks>
public sealed partial class TempestTree : ITestCatalog
{
    private readonly Dictionary<TestName, IdempotentId?> _byName = [];
    private readonly Dictionary<IdempotentId, List<TestName>> _byId = [];
    private readonly Dictionary<TestName, IReadOnlyList<TempestOption>> _gates = [];
    private readonly Dictionary<string, RawCredentials> _credentials = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Section, string Key), string> _defaults = [];

    private TempestTree(string description) => Description = description;

    /// <inheritdoc />
    public string Description { get; private set; }

    /// <summary>How many tests the tree holds.</summary>
    public int Count => _byName.Count;

    /// <summary>Every test name.</summary>
    public IEnumerable<TestName> Names => _byName.Keys;

    /// <inheritdoc />
    public bool TryFindByName(TestName name, out IdempotentId? id) => _byName.TryGetValue(name, out id);

    /// <inheritdoc />
    public IReadOnlyList<TestName> FindById(IdempotentId id) => _byId.TryGetValue(id, out var names) ? names : [];

    /// <summary>
    /// The tempest.conf options that must hold for a test to run: its own skip decorators, its class's and every
    /// base class's <c>skip_checks</c> and class decorators. Empty for an unknown test.
    /// </summary>
    public IReadOnlyList<TempestOption> GatesOf(TestName name) => _gates.TryGetValue(name, out var gates) ? gates : [];

    /// <summary>Reads the package directories <paramref name="roots"/> (e.g. <c>…/dist-packages/tempest</c>).</summary>
    /// <exception cref="DirectoryNotFoundException">A root does not exist.</exception>
    public static TempestTree Scan(params string[] roots)
    {
        var modules = new Dictionary<string, PyModule>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            var full = Path.GetFullPath(root).TrimEnd('/');
            var package = Path.GetFileName(full);
            foreach (var file in Directory.EnumerateFiles(full, "*.py", SearchOption.AllDirectories))
            {
                var rel = Path.GetRelativePath(full, file)[..^3].Replace('/', '.');
                var name = rel.EndsWith("__init__", StringComparison.Ordinal) ? package + (rel.Length > 8 ? "." + rel[..^9] : "") : package + "." + rel;
                modules[name] = PyModule.Parse(name, File.ReadAllLines(file), Path.GetRelativePath(Path.GetDirectoryName(full)!, file));
            }
        }

        var groups = ConfigGroups(roots);
        var tree = new TempestTree($"Tempest tree {string.Join(", ", roots)}");
        tree.ReadConfigDefaults(roots);
        foreach (var module in modules.Values.Where(IsDiscovered))
        {
            foreach (var cls in module.Classes.Values)
            {
                tree._credentials[$"{module.Name}.{cls.Name}"] = ReadCredentials(modules, module, cls, groups);
                var classGates = ClassGates(modules, module, cls, []);
                foreach (var (method, (id, methodGates)) in Methods(modules, module, cls, []))
                {
                    var testName = new TestName($"{module.Name}.{cls.Name}.{method}");
                    if (!tree._byName.TryAdd(testName, id))
                    {
                        continue;
                    }

                    if (GuestCalls(modules, module, cls, method) is { Count: > 0 } guestCalls)
                    {
                        tree._guestCalls[testName] = guestCalls;
                    }

                    var gates = methodGates.Concat(classGates).Select(g => g with { Section = groups.GetValueOrDefault(g.Section, g.Section) }).Distinct().ToList();
                    if (gates.Count > 0)
                    {
                        tree._gates[testName] = gates;
                    }

                    if (id is { } i)
                    {
                        if (!tree._byId.TryGetValue(i, out var list))
                        {
                            tree._byId[i] = list = [];
                        }

                        list.Add(testName);
                    }
                }
            }
        }

        tree.Description += $" ({tree.Count} tests)";
        return tree;
    }

    // Tempest's test_discover loads tempest.api and tempest.scenario (its own unit tests live in tempest.tests);
    // plugin packages are loaded whole. Within them, unittest discovery takes modules named test*.
    private static bool IsDiscovered(PyModule m)
    {
        var parts = m.Name.Split('.');
        return parts[^1].StartsWith("test", StringComparison.Ordinal)
            && (parts[0] != "tempest" || (parts.Length > 1 && parts[1] is "api" or "scenario"));
    }

    /// <summary>Python attribute names of config groups (compute_feature_enabled) to their registered names (compute-feature-enabled).</summary>
    private static Dictionary<string, string> ConfigGroups(string[] roots)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var config in roots.Select(r => Path.Combine(r, "config.py")).Where(File.Exists))
        {
            foreach (Match m in GroupName().Matches(File.ReadAllText(config)))
            {
                map[m.Groups[1].Value.Replace('-', '_')] = m.Groups[1].Value;
            }
        }

        return map;
    }

    /// <summary>skip_checks and class decorator options of a class and all its bases.</summary>
    private static List<TempestOption> ClassGates(Dictionary<string, PyModule> modules, PyModule module, PyClass cls, HashSet<string> visiting)
    {
        var gates = new List<TempestOption>(cls.Gates);
        if (visiting.Add(module.Name + "." + cls.Name))
        {
            foreach (var b in cls.Bases)
            {
                if (Resolve(modules, module, b) is var (m, c))
                {
                    gates.AddRange(ClassGates(modules, m, c, visiting));
                }
            }
        }

        return gates;
    }

    [GeneratedRegex(@"OptGroup\(\s*name\s*=\s*['""]([\w\-]+)['""]")]
    private static partial Regex GroupName();

    /// <summary>Test methods of a class, its own first, then its bases' (first definition wins, as in Python's MRO).</summary>
    private static Dictionary<string, (IdempotentId? Id, IReadOnlyList<TempestOption> Gates)> Methods(Dictionary<string, PyModule> modules, PyModule module, PyClass cls, HashSet<string> visiting)
    {
        var result = new Dictionary<string, (IdempotentId?, IReadOnlyList<TempestOption>)>(cls.Tests);
        if (!visiting.Add(module.Name + "." + cls.Name))
        {
            return result;
        }

        foreach (var b in cls.Bases)
        {
            if (Resolve(modules, module, b) is var (m, c))
            {
                foreach (var (name, id) in Methods(modules, m, c, visiting))
                {
                    result.TryAdd(name, id);
                }
            }
        }

        return result;
    }

    private static (PyModule, PyClass)? Resolve(Dictionary<string, PyModule> modules, PyModule module, string expr)
    {
        var dot = expr.LastIndexOf('.');
        if (dot < 0)
        {
            if (module.Classes.TryGetValue(expr, out var local))
            {
                return (module, local);
            }

            // from pkg.mod import Class [as Alias]
            if (module.Imports.TryGetValue(expr, out var target))
            {
                var d = target.LastIndexOf('.');
                if (d > 0 && modules.TryGetValue(target[..d], out var m) && m.Classes.TryGetValue(target[(d + 1)..], out var c))
                {
                    return (m, c);
                }
            }

            return null;
        }

        // alias.Class where alias is an imported module (from pkg import mod / import pkg.mod as alias).
        var head = expr[..dot];
        var cls = expr[(dot + 1)..];
        var moduleName = module.Imports.TryGetValue(head, out var imported) ? imported : head;
        return modules.TryGetValue(moduleName, out var mod) && mod.Classes.TryGetValue(cls, out var found) ? (mod, found) : null;
    }

    private sealed class PyClass(string name, IReadOnlyList<string> bases)
    {
        public string Name { get; } = name;

        public IReadOnlyList<string> Bases { get; } = bases;

        public Dictionary<string, (IdempotentId? Id, IReadOnlyList<TempestOption> Gates)> Tests { get; } = [];

        public List<TempestOption> Gates { get; } = [];

        /// <summary>The class's own <c>credentials = [...]</c> list, as written; null when inherited.</summary>
        public string? Credentials { get; set; }

        /// <summary>The class's own <c>force_tenant_isolation</c>; null when inherited.</summary>
        public bool? ForceTenantIsolation { get; set; }

        /// <summary>Role lists its <c>setup_credentials</c> asks for by <c>get_client_manager(roles=[…])</c>, with the attribute set.</summary>
        public List<(string Name, string Roles)> RoleRequests { get; } = [];

        /// <summary>Local names its <c>setup_credentials</c> binds to an option (<c>operator_role = CONF.object_storage.operator_role</c>).</summary>
        public Dictionary<string, string> SetupLocals { get; } = new(StringComparer.Ordinal);

        /// <summary>Every method the class defines (tests and helpers), with its body.</summary>
        public Dictionary<string, PyDef> Defs { get; } = new(StringComparer.Ordinal);
    }

    private sealed partial class PyModule(string name)
    {
        public string Name { get; } = name;

        public Dictionary<string, PyClass> Classes { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Imports { get; } = new(StringComparer.Ordinal);

        /// <summary>The module's file, relative to the directory that holds its package.</summary>
        public string File { get; private init; } = "";

        public static PyModule Parse(string name, string[] lines, string file = "")
        {
            var module = new PyModule(name) { File = file };
            var package = name[..Math.Max(0, name.LastIndexOf('.'))];
            PyClass? current = null;
            IdempotentId? pendingId = null;
            string? openString = null;
            var pendingGates = new List<TempestOption>();
            var inDecorator = false;
            var decoratorPolarity = true;
            var inSkipChecks = false;
            var skipChecksIndent = 0;
            var inSetupCredentials = false;
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];

                // Docstrings hold example code (tempest/test.py has whole test classes in one); skip their lines.
                if (openString is not null)
                {
                    if (line.Contains(openString, StringComparison.Ordinal))
                    {
                        openString = null;
                    }

                    continue;
                }

                foreach (var quote in (ReadOnlySpan<string>)["\"\"\"", "'''"])
                {
                    if (CountOf(line, quote) % 2 == 1)
                    {
                        openString = quote;
                        break;
                    }
                }

                if (openString is not null)
                {
                    continue;
                }
                if (line.Length == 0 || line.TrimStart().StartsWith('#'))
                {
                    continue;
                }

                var indent = line.Length - line.TrimStart().Length;
                var trimmedLine = line.TrimStart();

                // Decorators (and their continuation lines) gate what follows them: a class at indent 0, a method inside.
                if (trimmedLine.StartsWith('@'))
                {
                    inDecorator = true;
                    decoratorPolarity = !trimmedLine.Contains("skipIf", StringComparison.Ordinal);
                }
                else if (inDecorator && !trimmedLine.StartsWith("def ", StringComparison.Ordinal) && !trimmedLine.StartsWith("class ", StringComparison.Ordinal) && !trimmedLine.StartsWith("async def ", StringComparison.Ordinal))
                {
                    // A continuation line of a decorator's arguments.
                }
                else
                {
                    inDecorator = false;
                }

                if (inDecorator && (trimmedLine.Contains("skipUnless", StringComparison.Ordinal) || trimmedLine.Contains("skipIf", StringComparison.Ordinal) || !trimmedLine.StartsWith('@')))
                {
                    foreach (Match m in ConfRef().Matches(trimmedLine))
                    {
                        pendingGates.Add(new TempestOption(m.Groups[1].Value, m.Groups[2].Value, decoratorPolarity) { File = file, Line = i + 1, Code = trimmedLine.Trim() });
                    }
                }

                if (inSkipChecks && current is not null && indent > skipChecksIndent)
                {
                    foreach (Match m in ConfRef().Matches(trimmedLine))
                    {
                        // "if not CONF.x.y: raise skip" needs it true; "if CONF.x.y: raise skip" needs it false.
                        current.Gates.Add(new TempestOption(m.Groups[1].Value, m.Groups[2].Value, trimmedLine.Contains("not CONF", StringComparison.Ordinal)) { File = file, Line = i + 1, Code = trimmedLine.Trim() });
                    }

                    continue;
                }

                inSkipChecks = false;
                if (inSetupCredentials && current is not null && indent > skipChecksIndent)
                {
                    ReadSetupCredentialsLine(current, trimmedLine);
                    continue;
                }

                inSetupCredentials = false;
                if (indent == 0)
                {
                    var classGates = inDecorator ? [] : pendingGates.ToList();
                    if (!inDecorator)
                    {
                        pendingGates.Clear();
                    }

                    current = null;
                    pendingId = null;
                    if (ClassLine().Match(line) is { Success: true } cm)
                    {
                        // Bases may continue over several lines until the closing parenthesis.
                        var bases = cm.Groups[2].Value;
                        while (!line.Contains("):", StringComparison.Ordinal) && !line.TrimEnd().EndsWith(':') && i + 1 < lines.Length)
                        {
                            line = lines[++i];
                            bases += line;
                        }

                        var list = bases.Split(')')[0].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                            .Where(b => !b.Contains('=', StringComparison.Ordinal)).ToList();
                        current = new PyClass(cm.Groups[1].Value, list);
                        current.Gates.AddRange(classGates);
                        module.Classes[current.Name] = current;
                    }
                    else if (FromImport().Match(line) is { Success: true } fm)
                    {
                        var from = fm.Groups[1].Value;
                        if (from.StartsWith('.'))
                        {
                            from = package + (from.Length > 1 ? "." + from.TrimStart('.') : "");
                        }

                        foreach (var part in fm.Groups[2].Value.Trim('(', ')', ' ').Split(','))
                        {
                            var words = part.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                            if (words.Length == 0)
                            {
                                continue;
                            }

                            var alias = words.Length == 3 && words[1] == "as" ? words[2] : words[0];
                            module.Imports[alias] = from + "." + words[0];
                        }
                    }
                    else if (PlainImport().Match(line) is { Success: true } im)
                    {
                        module.Imports[im.Groups[2].Success ? im.Groups[2].Value : im.Groups[1].Value] = im.Groups[1].Value;
                    }

                    continue;
                }

                if (current is null)
                {
                    continue;
                }

                var trimmed = line.TrimStart();
                if (indent == 4 && CredentialsLine().Match(trimmed) is { Success: true } cr)
                {
                    // The list may go on over several lines until its brackets balance.
                    var text = cr.Groups[1].Value;
                    while (Depth(text) > 0 && i + 1 < lines.Length)
                    {
                        text += " " + lines[++i].Trim();
                    }

                    current.Credentials = text;
                    continue;
                }

                if (indent == 4 && ForceIsolationLine().Match(trimmed) is { Success: true } fi)
                {
                    current.ForceTenantIsolation = fi.Groups[1].Value == "True";
                    continue;
                }

                if (IdDecorator().Match(trimmed) is { Success: true } dm && IdempotentId.TryParse(dm.Groups[1].Value, out var id))
                {
                    pendingId = id;
                }
                else if (TestDef().Match(trimmed) is { Success: true } tm)
                {
                    current.Tests.TryAdd(tm.Groups[1].Value, (pendingId, pendingGates.ToList()));
                    pendingId = null;
                    pendingGates.Clear();
                }
                else if (trimmed.StartsWith("def ", StringComparison.Ordinal) || trimmed.StartsWith("async def ", StringComparison.Ordinal))
                {
                    pendingId = null;
                    pendingGates.Clear();
                    if (trimmed.StartsWith("def skip_checks(", StringComparison.Ordinal))
                    {
                        inSkipChecks = true;
                        skipChecksIndent = indent;
                    }
                    else if (trimmed.StartsWith("def setup_credentials(", StringComparison.Ordinal))
                    {
                        inSetupCredentials = true;
                        skipChecksIndent = indent;
                    }
                }
            }

            ReadDefs(module, lines);
            return module;
        }

        private static int CountOf(string line, string quote)
        {
            var count = 0;
            for (var at = line.IndexOf(quote, StringComparison.Ordinal); at >= 0; at = line.IndexOf(quote, at + quote.Length, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }

        [GeneratedRegex(@"^class\s+(\w+)\s*(?:\((.*))?")]
        private static partial Regex ClassLine();

        [GeneratedRegex(@"^from\s+([\w\.]+)\s+import\s+(.+)$")]
        private static partial Regex FromImport();

        [GeneratedRegex(@"^import\s+([\w\.]+)(?:\s+as\s+(\w+))?\s*$")]
        private static partial Regex PlainImport();

        [GeneratedRegex(@"^@(?:decorators\.)?idempotent_id\(\s*['""]([0-9a-fA-F\-]+)['""]")]
        private static partial Regex IdDecorator();

        [GeneratedRegex(@"^def\s+(test\w*)\s*\(")]
        private static partial Regex TestDef();

        [GeneratedRegex(@"CONF\.(\w+)\.(\w+)")]
        private static partial Regex ConfRef();
    }
}

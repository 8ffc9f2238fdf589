using System.Text.RegularExpressions;

namespace Stackmark.Tempest;

// The credentials a test class locks while it runs, read from its source as Tempest's test.py reads them:
// the class attribute `credentials` (the nearest definition in the class's bases wins), the role lists that
// `setup_credentials` asks for by `get_client_manager(roles=[…])` (every class in the chain calls super), and
// `force_tenant_isolation` (skip_checks then demands an admin). Options (CONF.object_storage.operator_role) are
// resolved against the run's tempest.conf, else the default registered in tempest/config.py.
public sealed partial class TempestTree
{
    /// <summary>
    /// The credentials the class of <paramref name="test"/> takes from Tempest's credential provider while it runs,
    /// in the order Tempest allocates them. Empty for an unknown test.
    /// </summary>
    /// <param name="test">A test of the tree.</param>
    /// <param name="configured">The run's tempest.conf value of (section, key), or null for Tempest's default.</param>
    public IReadOnlyList<CredentialSlot> CredentialsOf(TestName test, Func<string, string, string?>? configured = null)
    {
        var name = test.Value;
        var dot = name.LastIndexOf('.');
        return dot > 0 ? CredentialsOfClass(name[..dot], configured) : [];
    }

    /// <summary>As <see cref="CredentialsOf"/>, for a class named <c>package.module.Class</c>.</summary>
    public IReadOnlyList<CredentialSlot> CredentialsOfClass(string className, Func<string, string, string?>? configured = null)
    {
        ArgumentNullException.ThrowIfNull(className);
        if (!_credentials.TryGetValue(className, out var raw))
        {
            return [];
        }

        string Value(RoleRef r) => r.Literal ?? configured?.Invoke(r.Section!, r.Key!) ?? DefaultOf(r.Section!, r.Key!) ?? $"[{r.Section}] {r.Key}";
        var adminRole = configured?.Invoke("identity", "admin_role") ?? DefaultOf("identity", "admin_role") ?? "admin";
        var slots = new List<CredentialSlot>();
        foreach (var (slotName, roles, fromSetup) in raw.Slots)
        {
            if (roles is not null)
            {
                // A role list: scoped by its name's prefix (test.py), unscoped when setup_credentials asked by roles.
                var scope = fromSetup ? CredentialScope.Any
                    : slotName.StartsWith("system", StringComparison.Ordinal) ? CredentialScope.System
                    : slotName.StartsWith("domain", StringComparison.Ordinal) ? CredentialScope.Domain
                    : CredentialScope.Project;
                slots.Add(new CredentialSlot(slotName, [.. roles.Select(Value).Distinct(StringComparer.Ordinal)], scope));
                continue;
            }

            slots.Add(slotName switch
            {
                "primary" or "alt" => new CredentialSlot(slotName, [], CredentialScope.Any),
                "admin" => new CredentialSlot(slotName, [adminRole], CredentialScope.Any),
                _ when ScopedType().Match(slotName) is { Success: true } m => new CredentialSlot(slotName, [m.Groups[2].Value],
                    m.Groups[1].Value switch { "system" => CredentialScope.System, "domain" => CredentialScope.Domain, _ => CredentialScope.Project }),
                _ => new CredentialSlot(slotName, [], CredentialScope.Any) { Unsupported = true },
            });
        }

        if (raw.ForceTenantIsolation && !slots.Any(s => s.Name == "admin"))
        {
            // skip_checks wants admin credentials available; with pre-provisioned accounts that is an admin account.
            slots.Add(new CredentialSlot("admin", [adminRole], CredentialScope.Any) { Reason = "force_tenant_isolation" });
        }

        return slots;
    }

    /// <summary>The default tempest/config.py registers for an option, or null when it has none (or is unknown).</summary>
    public string? DefaultOf(string section, string key) => _defaults.GetValueOrDefault((section, key));

    private static RawCredentials ReadCredentials(Dictionary<string, PyModule> modules, PyModule module, PyClass cls, Dictionary<string, string> groups)
    {
        string? credentials = null;
        bool? force = null;
        var requests = new List<(string Name, IReadOnlyList<RoleRef> Roles)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<(PyModule, PyClass)>([(module, cls)]);
        // Breadth over the bases approximates Python's MRO well enough for Tempest's single-inheritance chains.
        while (pending.TryDequeue(out var at))
        {
            var (m, c) = at;
            if (!seen.Add(m.Name + "." + c.Name))
            {
                continue;
            }

            credentials ??= c.Credentials;
            force ??= c.ForceTenantIsolation;
            foreach (var (name, roles) in c.RoleRequests)
            {
                requests.Add((name, [.. ListItems(roles).Select(r => RoleOf(r, c.SetupLocals, groups)).OfType<RoleRef>()]));
            }

            foreach (var b in c.Bases)
            {
                if (Resolve(modules, m, b) is { } based)
                {
                    pending.Enqueue(based);
                }
            }
        }

        var slots = new List<(string, IReadOnlyList<RoleRef>?, bool)>();
        foreach (var item in ListItems(credentials ?? "[]"))
        {
            if (item.StartsWith('['))
            {
                var parts = ListItems(item);
                if (parts.Count > 0 && Unquote(parts[0]) is { } name)
                {
                    slots.Add((name, [.. parts.Skip(1).Select(p => RoleOf(p, [], groups)).OfType<RoleRef>()], false));
                }
            }
            else if (Unquote(item) is { } type)
            {
                slots.Add((type, null, false));
            }
        }

        // The base classes' setup_credentials run first (super() is called before get_client_manager).
        requests.Reverse();
        slots.AddRange(requests.Select(r => (r.Name, (IReadOnlyList<RoleRef>?)r.Roles, true)));
        return new RawCredentials(slots, force ?? false);
    }

    private static RoleRef? RoleOf(string expr, Dictionary<string, string> locals, Dictionary<string, string> groups)
    {
        if (Unquote(expr) is { } literal)
        {
            return new RoleRef(literal, null, null);
        }

        var e = locals.GetValueOrDefault(expr, expr);
        return OptionRef().Match(e) is { Success: true } m
            ? new RoleRef(null, groups.GetValueOrDefault(m.Groups[1].Value, m.Groups[1].Value), m.Groups[2].Value)
            : null;
    }

    private static string? Unquote(string s) =>
        s.Length >= 2 && (s[0] is '\'' or '"') && s[^1] == s[0] ? s[1..^1] : null;

    // The items of a Python list literal at its top level: "[a, [b, c]]" gives "a" and "[b, c]".
    private static List<string> ListItems(string list)
    {
        var text = list.Trim();
        if (!text.StartsWith('[') || !text.EndsWith(']'))
        {
            return [];
        }

        var items = new List<string>();
        var depth = 0;
        var start = 1;
        for (var i = 1; i < text.Length - 1; i++)
        {
            switch (text[i])
            {
                case '[' or '(':
                    depth++;
                    break;
                case ']' or ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    items.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        items.Add(text[start..^1].Trim());
        return [.. items.Where(i => i.Length > 0)];
    }

    // Option defaults: each XGroup list's cfg.*Opt('name', default=…) belongs to the group _opts pairs it with.
    private void ReadConfigDefaults(string[] roots)
    {
        foreach (var config in roots.Select(r => Path.Combine(r, "config.py")).Where(File.Exists))
        {
            var text = File.ReadAllText(config);
            var groupNames = GroupVariable().Matches(text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
            foreach (Match pair in OptsPair().Matches(text))
            {
                if (!groupNames.TryGetValue(pair.Groups[1].Value, out var section)
                    || Regex.Match(text, @"^" + Regex.Escape(pair.Groups[2].Value) + @"\s*=\s*\[(.*?)^\]", RegexOptions.Multiline | RegexOptions.Singleline) is not { Success: true } list)
                {
                    continue;
                }

                foreach (Match opt in OptDefault().Matches(list.Groups[1].Value))
                {
                    _defaults.TryAdd((section, opt.Groups[1].Value), opt.Groups[2].Value);
                }
            }
        }
    }

    [GeneratedRegex(@"^(system|domain|project)_(admin|member|reader)$")]
    private static partial Regex ScopedType();

    [GeneratedRegex(@"^CONF\.(\w+)\.(\w+)$")]
    private static partial Regex OptionRef();

    [GeneratedRegex(@"^(\w+)\s*=\s*cfg\.OptGroup\(\s*name\s*=\s*['""]([\w\-]+)['""]", RegexOptions.Multiline)]
    private static partial Regex GroupVariable();

    [GeneratedRegex(@"^\s*\((\w+),\s*(\w+)\),?\s*$", RegexOptions.Multiline)]
    private static partial Regex OptsPair();

    // The option's name, then (lazily, within the same opt) a string default.
    [GeneratedRegex(@"cfg\.\w*Opt\(\s*['""](\w+)['""],(?:(?!cfg\.)[\s\S])*?default\s*=\s*['""]([^'""]*)['""]")]
    private static partial Regex OptDefault();

    private sealed record RoleRef(string? Literal, string? Section, string? Key);

    private sealed record RawCredentials(IReadOnlyList<(string Name, IReadOnlyList<RoleRef>? Roles, bool FromSetup)> Slots, bool ForceTenantIsolation);

    private sealed partial class PyModule
    {
        private static int Depth(string text) => text.Count(c => c is '[' or '(') - text.Count(c => c is ']' or ')');

        // In setup_credentials: "operator_role = CONF.object_storage.operator_role" and
        // "cls.os_operator = cls.get_client_manager(roles=[operator_role])".
        private static void ReadSetupCredentialsLine(PyClass cls, string line)
        {
            if (SetupLocal().Match(line) is { Success: true } local)
            {
                cls.SetupLocals[local.Groups[1].Value] = local.Groups[2].Value;
            }
            else if (RolesRequest().Match(line) is { Success: true } request)
            {
                cls.RoleRequests.Add((request.Groups[1].Value, request.Groups[2].Value));
            }
        }

        [GeneratedRegex(@"^credentials\s*=\s*(\[.*)$")]
        private static partial Regex CredentialsLine();

        [GeneratedRegex(@"^force_tenant_isolation\s*=\s*(True|False)\b")]
        private static partial Regex ForceIsolationLine();

        [GeneratedRegex(@"^(\w+)\s*=\s*(CONF\.\w+\.\w+)\s*$")]
        private static partial Regex SetupLocal();

        [GeneratedRegex(@"^cls\.os_(\w+)\s*=\s*cls\.get_client_manager\(\s*roles\s*=\s*(\[[^\]]*\])")]
        private static partial Regex RolesRequest();
    }
}

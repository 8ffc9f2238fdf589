using Stackmark.Tempest;

namespace Stackmark.Runner;

/// <summary>
/// Decides, before Tempest starts, what pre-provisioned accounts can serve: which test classes can run at all, how many
/// workers can run at once, and what accounts to add otherwise.
/// </summary>
/// <remarks>
/// <para>It follows tempest/lib/common/preprov_creds.py: a class takes its credentials one after another when it starts
/// and holds them until it ends; each is the <em>first free</em> account in accounts.yaml's order that holds every role
/// asked (on the asked scope), and never an account with the admin role unless the admin role is asked; nothing waits
/// for an account to come free (the class fails). A worker runs one class at a time (stestr groups tests by class), so
/// with W workers any W classes may hold accounts at once.</para>
/// <para>The planner orders the accounts so that plain ones are handed out first (an account with a role few have comes
/// last), simulates each class alone (it cannot run if that fails), and accepts W workers when every sequence of W classes
/// starting one after another gets its accounts (classes with the same credentials counted as one shape; when the
/// sequences are too many, every class after the W − 1 that would hold the most accounts it needs). What is missing
/// is found by adding the account a failing credential asks for until the simulation passes.</para>
/// <para>Pure and thread-safe.</para>
/// </remarks>
public static class AccountPlanner
{
    private const int MostAdditions = 256;
    private const int MostSequences = 50_000;

    /// <summary>Plans <paramref name="classes"/> on <paramref name="accounts"/> for up to <paramref name="requestedWorkers"/> workers.</summary>
    /// <param name="classes">The planned test classes with their credentials.</param>
    /// <param name="accounts">The given accounts with the roles of their tokens.</param>
    /// <param name="adminRole">Tempest's <c>identity.admin_role</c>.</param>
    /// <param name="requestedWorkers">The workers asked for (1 or more).</param>
    public static AccountPlan Plan(IReadOnlyList<ClassCredentials> classes, IReadOnlyList<PlannerAccount> accounts, string adminRole, int requestedWorkers)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentException.ThrowIfNullOrEmpty(adminRole);
        ArgumentOutOfRangeException.ThrowIfLessThan(requestedWorkers, 1);
        var rules = new Rules(classes, accounts, adminRole);
        var ordered = rules.Order(accounts);
        var unserved = new List<UnservedClass>();
        var servable = new List<ClassCredentials>();
        foreach (var c in classes)
        {
            if (c.Slots.FirstOrDefault(s => s.Unsupported) is { } unsupported)
            {
                unserved.Add(new UnservedClass(c.Class, $"needs '{unsupported.Name}' credentials, which Tempest's pre-provisioned accounts cannot give (an admin cloud user gives dynamic credentials)"));
            }
            else if (rules.Failing([c], ordered, 1) is not null)
            {
                var adds = rules.Describe(rules.Additions([c], ordered, 1));
                unserved.Add(new UnservedClass(c.Class, $"needs {string.Join(", ", c.Slots)} at once; the accounts lack {string.Join(" and ", adds)}"));
            }
            else
            {
                servable.Add(c);
            }
        }

        var missing = rules.Describe(rules.Additions([.. classes.Where(c => !c.Slots.Any(s => s.Unsupported))], ordered, 1));
        var workers = 1;
        while (workers < requestedWorkers && rules.Failing(servable, ordered, workers + 1) is null)
        {
            workers++;
        }

        var forRequested = workers < requestedWorkers ? rules.Describe(rules.Additions(servable, ordered, requestedWorkers)) : [];
        var held = servable.Count == 0 ? 0 : servable.Select(c => c.Slots.Count).OrderDescending().Take(workers).Sum();
        var reason = servable.Count == 0
            ? "no test class can run with these accounts"
            : workers == requestedWorkers
                ? $"{accounts.Count} account(s) serve {workers} worker(s): the {workers} heaviest classes hold {held} at once"
                : $"{accounts.Count} account(s) serve {workers} of the {requestedWorkers} workers asked for: {workers + 1} classes at once could find no free account (add {string.Join(" and ", forRequested)} for {requestedWorkers})";
        return new AccountPlan
        {
            Accounts = ordered,
            Concurrency = servable.Count == 0 ? requestedWorkers : workers,
            Requested = requestedWorkers,
            Reason = reason,
            Unserved = unserved,
            Missing = missing,
            MissingForRequested = forRequested,
        };
    }

    private sealed class Rules(IReadOnlyList<ClassCredentials> classes, IReadOnlyList<PlannerAccount> accounts, string adminRole)
    {
        // Roles some credential asks for that not every account holds: accounts holding them are handed out last.
        private readonly HashSet<string> _scarce = classes.SelectMany(c => c.Slots).SelectMany(s => s.Roles)
            .Where(r => !accounts.All(a => a.Roles.Contains(r, StringComparer.Ordinal))).ToHashSet(StringComparer.Ordinal);

        // Roles every non-admin account holds (e.g. member, reader): an added plain account has them too.
        private readonly IReadOnlyList<string> _common = accounts.Where(a => !a.Roles.Contains(adminRole, StringComparer.Ordinal)).Select(a => (IEnumerable<string>)a.Roles)
            .DefaultIfEmpty([]).Aggregate((x, y) => x.Intersect(y, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();

        private int NonAdmin => accounts.Count(a => !IsAdmin(a));

        // The kinds of credential the plan asks for (roles and scope): what tells accounts apart for Tempest.
        private readonly IReadOnlyList<CredentialSlot> _kinds = [.. classes.SelectMany(c => c.Slots).DistinctBy(s => Key([s]), StringComparer.Ordinal)];

        // Accounts that serve a rare kind of credential last (a ResellerAdmin account when it is the only one), so that a
        // credential many accounts serve does not take it; then the less capable first. Accounts serving the same
        // kinds are interchangeable, so the order given does not matter.
        public IReadOnlyList<PlannerAccount> Order(IEnumerable<PlannerAccount> list)
        {
            var all = list.ToList();
            var served = all.Select(a => _kinds.Where(k => Serves(k, a)).Select(k => Key([k])).Order(StringComparer.Ordinal).ToList()).ToList();
            var servers = served.SelectMany(k => k).GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return
            [
                .. all.Select((a, i) => (Account: a, Serves: served[i], Rarest: served[i].Count == 0 ? int.MaxValue : served[i].Min(k => servers[k])))
                    .OrderBy(x => IsAdmin(x.Account) ? 1 : 0)
                    .ThenByDescending(x => x.Rarest)
                    .ThenBy(x => x.Serves.Count)
                    .ThenBy(x => string.Join("/", x.Serves), StringComparer.Ordinal)
                    .Select(x => x.Account),
            ];
        }

        /// <summary>
        /// A credential that finds no free account when some W classes start one after another; null when none does.
        /// Classes with the same credentials are one shape, so every sequence of W shapes is tried while that stays
        /// small; past <see cref="MostSequences"/> each class is tried after the W − 1 that hold the most accounts.
        /// </summary>
        public CredentialSlot? Failing(IReadOnlyList<ClassCredentials> plan, IReadOnlyList<PlannerAccount> ordered, int workers)
        {
            var shapes = plan.GroupBy(c => Key(c.Slots), StringComparer.Ordinal).Select(g => (Slots: g.First().Slots, Count: g.Count())).ToList();
            var depth = Math.Min(workers, plan.Count);
            if (Math.Pow(shapes.Count, depth) <= MostSequences)
            {
                return Exhaustive(shapes.Select(s => s.Slots).ToList(), [.. shapes.Select(s => s.Count)], ordered, new bool[ordered.Count], depth);
            }

            foreach (var victim in plan)
            {
                var others = plan.Where(c => !ReferenceEquals(c, victim))
                    .OrderByDescending(c => c.Slots.Count)
                    .ThenByDescending(c => c.Slots.Sum(s => s.Roles.Count(r => _scarce.Contains(r) && victim.Slots.Any(v => v.Roles.Contains(r, StringComparer.Ordinal)))))
                    .Take(workers - 1);
                var locked = new bool[ordered.Count];
                foreach (var c in others.Append(victim))
                {
                    if (Allocate(c.Slots, ordered, locked) is { } slot)
                    {
                        return slot;
                    }
                }
            }

            return null;
        }

        private CredentialSlot? Exhaustive(List<IReadOnlyList<CredentialSlot>> shapes, int[] left, IReadOnlyList<PlannerAccount> ordered, bool[] locked, int depth)
        {
            if (depth == 0)
            {
                return null;
            }

            for (var i = 0; i < shapes.Count; i++)
            {
                if (left[i] == 0)
                {
                    continue;
                }

                var after = (bool[])locked.Clone();
                if (Allocate(shapes[i], ordered, after) is { } slot)
                {
                    return slot;
                }

                left[i]--;
                var deeper = Exhaustive(shapes, left, ordered, after, depth - 1);
                left[i]++;
                if (deeper is not null)
                {
                    return deeper;
                }
            }

            return null;
        }

        // One class starting: each credential takes the first free account that serves it (preprov_creds._get_free_hash).
        private CredentialSlot? Allocate(IReadOnlyList<CredentialSlot> slots, IReadOnlyList<PlannerAccount> ordered, bool[] locked)
        {
            foreach (var slot in slots)
            {
                var free = Enumerable.Range(0, ordered.Count).FirstOrDefault(i => !locked[i] && Serves(slot, ordered[i]), -1);
                if (free < 0)
                {
                    return slot;
                }

                locked[free] = true;
            }

            return null;
        }

        private static string Key(IReadOnlyList<CredentialSlot> slots) =>
            string.Join("|", slots.Select(s => $"{s.Scope}:{s.Unsupported}:{string.Join(",", s.Roles)}"));

        /// <summary>The accounts to add (each what a failing credential asked for) until <paramref name="workers"/> are served.</summary>
        public List<(PlannerAccount Account, CredentialSlot For)> Additions(IReadOnlyList<ClassCredentials> plan, IReadOnlyList<PlannerAccount> ordered, int workers)
        {
            var added = new List<(PlannerAccount, CredentialSlot)>();
            var current = ordered;
            // Plain accounts first, for the classes that need no scarce role: an account with a scarce role could
            // stand in for them, but "a second account" and "an account with role X" are what an operator adds.
            foreach (var phase in new[] { plan.Where(c => !c.Slots.Any(s => s.Roles.Any(_scarce.Contains))).ToList(), plan })
            {
                while (added.Count < MostAdditions && Failing(phase, current, workers) is { } slot)
                {
                    var roles = slot.Roles.Concat(_common).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                    var account = new PlannerAccount($"added-{added.Count + 1}", roles, slot.Scope == CredentialScope.Any ? CredentialScope.Project : slot.Scope);
                    added.Add((account, slot));
                    current = Order(current.Append(account));
                }
            }

            return added;
        }

        /// <summary>Additions in words: "a second account for alternate credentials", "an account with role ResellerAdmin", "2 more accounts".</summary>
        public IReadOnlyList<string> Describe(List<(PlannerAccount Account, CredentialSlot For)> additions) =>
        [
            .. additions.GroupBy(a => (Extra: string.Join(" and ", a.Account.Roles.Except(_common, StringComparer.Ordinal)), a.Account.Scope))
                .Select(g =>
                {
                    var count = g.Count();
                    var scope = g.Key.Scope == CredentialScope.Project ? "" : $" ({g.Key.Scope.ToString().ToLowerInvariant()}-scoped)";
                    if (g.Key.Extra.Length == 0)
                    {
                        return count > 1 ? $"{count} more accounts{scope}"
                            : NonAdmin == 0 ? $"an account without the {adminRole} role{scope}"
                            : NonAdmin == 1 && g.Any(a => a.For.Name.Contains("alt", StringComparison.Ordinal)) ? $"a second account for alternate credentials{scope}"
                            : $"1 more account{scope}";
                    }

                    var roles = g.Key.Extra.Split(" and ");
                    var held = accounts.Count(a => roles.All(r => a.Roles.Contains(r, StringComparer.Ordinal)));
                    var word = roles.Length > 1 ? "roles" : "role";
                    return count > 1 ? $"{count} more accounts with {word} {g.Key.Extra}{scope}"
                        : held == 0 ? $"an account with {word} {g.Key.Extra}{scope}"
                        : $"another account with {word} {g.Key.Extra}{scope}";
                }),
        ];

        // preprov_creds._get_match_hash_list: every asked role (scoped when asked so), and no admin unless asked for.
        private bool Serves(CredentialSlot slot, PlannerAccount account) =>
            !slot.Unsupported
            && (slot.Scope == CredentialScope.Any || slot.Scope == account.Scope)
            && slot.Roles.All(r => account.Roles.Contains(r, StringComparer.Ordinal))
            && (!IsAdmin(account) || slot.Roles.Contains(adminRole, StringComparer.Ordinal));

        private bool IsAdmin(PlannerAccount account) => account.Roles.Contains(adminRole, StringComparer.Ordinal);
    }
}

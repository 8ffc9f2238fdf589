namespace Stackmark.Tempest;

/// <summary>
/// The tests an installed Tempest offers, from the output of <c>tempest run --list-tests</c> (or
/// <c>stestr list</c>): full test ids, indexed by name and by idempotent id.
/// </summary>
/// <remarks>Immutable; thread-safe for reads.</remarks>
public sealed class TempestListing : ITestCatalog
{
    private readonly Dictionary<TestName, (string TestId, IdempotentId? Id)> _byName = [];
    private readonly Dictionary<IdempotentId, List<TestName>> _byId = [];

    private readonly string _source;

    private TempestListing(string source) => _source = source;

    /// <inheritdoc />
    public string Description => $"{_source} ({Count} tests)";

    /// <summary>How many tests were listed.</summary>
    public int Count => _byName.Count;

    /// <summary>Parses listing output: one test id per line; other lines (warnings, blank) are ignored.</summary>
    public static TempestListing Parse(IEnumerable<string> lines, string description = "the installed Tempest")
    {
        var listing = new TempestListing(description);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            // Test ids are dotted Python paths; anything with spaces is log noise.
            if (line.Length == 0 || line.Contains(' ', StringComparison.Ordinal) || !line.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            var (name, id) = TestName.FromTempestId(line);
            if (!listing._byName.TryAdd(name, (line, id)) || id is not { } i)
            {
                continue;
            }

            if (!listing._byId.TryGetValue(i, out var names))
            {
                listing._byId[i] = names = [];
            }

            names.Add(name);
        }

        return listing;
    }

    /// <summary>The full Tempest test id (with attributes) of a listed name.</summary>
    public bool TryGetTestId(TestName name, out string testId)
    {
        var found = _byName.TryGetValue(name, out var entry);
        testId = entry.TestId;
        return found;
    }

    /// <inheritdoc />
    public bool TryFindByName(TestName name, out IdempotentId? id)
    {
        var found = _byName.TryGetValue(name, out var entry);
        id = entry.Id;
        return found;
    }

    /// <inheritdoc />
    public IReadOnlyList<TestName> FindById(IdempotentId id) => _byId.TryGetValue(id, out var names) ? names : [];
}

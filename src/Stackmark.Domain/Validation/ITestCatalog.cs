namespace Stackmark;

/// <summary>The tests an installed Tempest (with its plugins) actually has, by name and by idempotent id.</summary>
public interface ITestCatalog
{
    /// <summary>A short description of the catalog, e.g. "Tempest tree /usr/lib/python3/dist-packages (1734 tests)".</summary>
    string Description { get; }

    /// <summary>Finds a test by name; <paramref name="id"/> is its idempotent id when it has one.</summary>
    bool TryFindByName(TestName name, out IdempotentId? id);

    /// <summary>Finds the names carrying an idempotent id (more than one when a base class's test is inherited).</summary>
    IReadOnlyList<TestName> FindById(IdempotentId id);
}

namespace Stackmark;

/// <summary>How a guideline test was found among the results.</summary>
public enum MatchMethod
{
    /// <summary>Not found.</summary>
    None,

    /// <summary>By idempotent id: survives renames.</summary>
    IdempotentId,

    /// <summary>By the name the guideline keys it under.</summary>
    Name,

    /// <summary>By one of its aliases.</summary>
    Alias,
}

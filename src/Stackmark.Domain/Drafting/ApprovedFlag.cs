namespace Stackmark;

/// <summary>A flag the foundation approved for the next guideline: which test, why (a D400–D406 code), and when.</summary>
/// <param name="Test">The test: its name (or an alias), or its idempotent id.</param>
/// <param name="ReasonCode">The reason code, D400–D406 (<see cref="Flag.KnownReasonCodes"/>).</param>
/// <param name="Rationale">Why, in words; the flag's reason is the code followed by it.</param>
/// <param name="Date">The approval date, YYYY-MM-DD.</param>
/// <param name="Action">What the committee did (the flag's action); "Flagged" when the file says nothing.</param>
/// <param name="Location">Where the entry is in its flags file.</param>
public sealed record ApprovedFlag(string Test, string ReasonCode, string Rationale, string Date, string Action, TextLocation Location)
{
    /// <summary>The flag as a guideline records it: reason <c>D401 rationale</c>, action and date.</summary>
    public Flag ToFlag() => new($"{ReasonCode} {Rationale}", Action, Date);
}

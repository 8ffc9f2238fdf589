namespace Stackmark;

/// <summary>How widely one capability of a guideline's target passes among the clouds that uploaded results.</summary>
/// <param name="Id">The capability.</param>
/// <param name="Status">Its status in the target (advisory capabilities are counted like required ones).</param>
/// <param name="CountedTests">Its tests that count (not flagged); a capability with none never passes (no evidence).</param>
/// <param name="CloudsPassing">Distinct clouds whose latest result in the window passes it.</param>
/// <param name="CloudsTotal">Distinct clouds with a result in the window.</param>
/// <param name="ProductsPassing">Distinct products linked to a passing cloud's latest result.</param>
/// <param name="ProductsTotal">Distinct products linked to any cloud's latest result.</param>
/// <param name="Trend">One point per month of the window, oldest first (see <see cref="AdoptionPoint"/>).</param>
public sealed record CapabilityAdoption(
    CapabilityId Id,
    CapabilityStatus Status,
    int CountedTests,
    int CloudsPassing,
    int CloudsTotal,
    int ProductsPassing,
    int ProductsTotal,
    IReadOnlyList<AdoptionPoint> Trend)
{
    /// <summary><see cref="CloudsPassing"/> / <see cref="CloudsTotal"/>, 0 when no cloud uploaded.</summary>
    public double Share => CloudsTotal == 0 ? 0 : (double)CloudsPassing / CloudsTotal;

    /// <summary>Whether there is evidence either way: some cloud uploaded and the capability has counted tests.</summary>
    public bool HasData => CloudsTotal > 0 && CountedTests > 0;
}

/// <summary>
/// A capability's adoption at the end of one month: the same counts as <see cref="CapabilityAdoption"/>, over the results
/// uploaded from the window's start to the end of that month (the latest result per cloud, as of then).
/// </summary>
/// <param name="Month">The first day of the month.</param>
/// <param name="CloudsPassing">Clouds passing as of the end of the month.</param>
/// <param name="CloudsTotal">Clouds with a result as of the end of the month.</param>
/// <param name="ProductsPassing">Products passing as of the end of the month.</param>
public sealed record AdoptionPoint(DateOnly Month, int CloudsPassing, int CloudsTotal, int ProductsPassing)
{
    /// <summary><see cref="CloudsPassing"/> / <see cref="CloudsTotal"/>, 0 when no cloud had uploaded yet.</summary>
    public double Share => CloudsTotal == 0 ? 0 : (double)CloudsPassing / CloudsTotal;
}

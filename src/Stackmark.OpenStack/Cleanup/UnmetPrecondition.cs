namespace Stackmark.OpenStack;

/// <summary>An account that does not meet a test's pristine-account precondition, with what is in the way.</summary>
/// <param name="Account">The account.</param>
/// <param name="Precondition">The test and its requirement.</param>
/// <param name="InTheWay">What the account holds that breaks it, for people (<c>containers a, b</c>).</param>
public sealed record UnmetPrecondition(InventoryAccount Account, PristinePrecondition Precondition, string InTheWay);

namespace Stackmark;

/// <summary>Whether a verdict against a guideline may certify a cloud, and why, in a sentence naming the guideline and the rule.</summary>
/// <param name="Valid">Whether the guideline is in force on the day judged under the policy.</param>
/// <param name="Reason">
/// A readable sentence, e.g. "2015.03 is superseded (its own status), not in force; in force for core guidelines on
/// 2026-12-03: 2020.06, 2019.11, 2019.06, 2018.11".
/// </param>
/// <remarks>Made by <see cref="GuidelinesInForce.Judge"/>; equality is by value.</remarks>
public sealed record CertificationValidity(bool Valid, string Reason);

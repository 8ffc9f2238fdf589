namespace Stackmark;

/// <summary>Whether a guideline is a core (Powered) guideline or an add-on.</summary>
public enum GuidelineKind
{
    /// <summary>The core guideline: Platform, Compute, Storage.</summary>
    Core,

    /// <summary>An add-on guideline (DNS, Orchestration) that rests on a core component.</summary>
    AddOn,
}

namespace Stackmark.OpenStack;

/// <summary>What the runner did with one feature flag, and why: recorded in manifest.json's <c>feature_flags</c>.</summary>
/// <param name="Option"><c>section.key</c>.</param>
/// <param name="Value">The value written to tempest.conf; null when left at Tempest's default.</param>
/// <param name="Source">Who decided.</param>
/// <param name="Reason">Why, in words (with the <c>--override</c> that would change it when the flag was left alone).</param>
public sealed record FeatureFlagDecision(string Option, string? Value, FeatureFlagSource Source, string Reason)
{
    /// <summary>The source as written in manifest.json: discovery, override, tempest-default.</summary>
    public string SourceWord => Source switch
    {
        FeatureFlagSource.Discovery => "discovery",
        FeatureFlagSource.Override => "override",
        _ => "tempest-default",
    };
}

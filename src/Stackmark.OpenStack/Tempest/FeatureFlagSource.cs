namespace Stackmark.OpenStack;

/// <summary>Who set a feature flag.</summary>
public enum FeatureFlagSource
{
    /// <summary>Nobody: Tempest's default applies.</summary>
    TempestDefault,

    /// <summary>Discovery showed the cloud serves the API.</summary>
    Discovery,

    /// <summary>An explicit <c>--override</c>.</summary>
    Override,
}

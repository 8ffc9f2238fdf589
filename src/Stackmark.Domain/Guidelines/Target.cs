namespace Stackmark;

/// <summary>
/// A program a cloud can be certified for (OpenStack Powered Platform, Compute, Storage, or an add-on such
/// as DNS), made of components.
/// </summary>
/// <param name="Key">The short key used on the command line and by RefStack: platform, compute, object, dns, orchestration.</param>
/// <param name="Name">The program's name, e.g. "OpenStack Powered Compute".</param>
/// <param name="Description">The file's description, if any.</param>
/// <param name="Components">The components whose capabilities make up the program.</param>
/// <param name="RequiredPlatformComponents">For add-ons: core components the cloud must also pass, with the file they come from.</param>
public sealed record Target(
    string Key,
    string Name,
    string? Description,
    IReadOnlyList<ComponentRef> Components,
    IReadOnlyList<ComponentRef> RequiredPlatformComponents);

/// <summary>A reference to a component, possibly in another guideline file (<paramref name="Source"/>).</summary>
public sealed record ComponentRef(string Name, string? Source);

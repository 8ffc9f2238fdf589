namespace Stackmark.OpenStack;

/// <summary>An API extension (Neutron <c>/v2.0/extensions</c>, Cinder <c>/extensions</c>).</summary>
/// <param name="Alias">The alias Tempest's <c>api_extensions</c> lists.</param>
/// <param name="Name">Display name.</param>
public sealed record ApiExtension(string Alias, string Name);

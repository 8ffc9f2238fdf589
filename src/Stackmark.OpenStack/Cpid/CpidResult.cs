namespace Stackmark.OpenStack;

/// <summary>A derived cloud provider id and how it was obtained.</summary>
/// <param name="Cpid">The cpid.</param>
/// <param name="Method">The derivation method.</param>
/// <param name="FallbackReason">Why Keystone could not provide the id (only for <see cref="CpidMethod.HostnameMd5"/>).</param>
public sealed record CpidResult(string Cpid, CpidMethod Method, string? FallbackReason = null);

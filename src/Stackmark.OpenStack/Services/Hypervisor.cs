namespace Stackmark.OpenStack;

/// <summary>A compute node as Nova reports it (<c>GET /os-hypervisors/detail</c>, admin only).</summary>
/// <param name="HostName">The hypervisor host name.</param>
/// <param name="Type">The hypervisor type, e.g. <c>QEMU</c>, <c>fake</c>, <c>VMware vCenter Server</c>.</param>
/// <param name="State"><c>up</c> or <c>down</c>.</param>
/// <param name="Status"><c>enabled</c> or <c>disabled</c>.</param>
public sealed record Hypervisor(string HostName, string Type, string State, string Status);

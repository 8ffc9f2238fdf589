namespace Stackmark.OpenStack;

/// <summary>One service process of a project's service list (Cinder <c>GET /os-services</c>, admin only).</summary>
/// <param name="Binary">The binary, e.g. <c>cinder-volume</c>, <c>cinder-backup</c>.</param>
/// <param name="Host">The host it runs on.</param>
/// <param name="State"><c>up</c> or <c>down</c>.</param>
/// <param name="Status"><c>enabled</c> or <c>disabled</c>.</param>
public sealed record ServiceStatus(string Binary, string Host, string State, string Status)
{
    /// <summary>Up and enabled.</summary>
    public bool IsUsable => State == "up" && Status == "enabled";
}

namespace Stackmark.OpenStack;

/// <summary>How <c>stackmark run --validation</c> decides Tempest's guest validation (SSH into the servers it boots).</summary>
public enum GuestValidationMode
{
    /// <summary>On when discovery shows a guest can boot and be reached from this machine; otherwise off, with the reason.</summary>
    Auto,

    /// <summary>On, even when reachability is not proven; an error when no SSH user or no compute/network exists.</summary>
    On,

    /// <summary>Off: tests that need a guest's shell skip as guest-access.</summary>
    Off,
}

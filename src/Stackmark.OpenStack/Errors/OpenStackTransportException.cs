namespace Stackmark.OpenStack;

/// <summary>The OpenStack call failed in transit: no HTTP answer (connection refused, DNS, TLS, timeout).</summary>
/// <remarks>
/// <see cref="IsTransient"/> is true for failures that a retry may cure (timeouts, refused or reset connections);
/// false for name resolution and TLS certificate failures.
/// </remarks>
public sealed class OpenStackTransportException : OpenStackException
{
    /// <summary>Creates the exception.</summary>
    public OpenStackTransportException(string message, bool isTransient, Exception? inner = null)
        : base(message, inner)
    {
        IsTransient = isTransient;
    }

    /// <summary>Whether retrying the same call later may succeed.</summary>
    public bool IsTransient { get; }
}

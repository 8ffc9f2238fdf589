namespace Stackmark.OpenStack;

/// <summary>
/// Base class of the two failure tiers of an OpenStack call: the server answered with an error
/// (<see cref="OpenStackApiException"/>) or the call failed in transit (<see cref="OpenStackTransportException"/>).
/// </summary>
/// <remarks>
/// Caller bugs (null arguments, malformed URLs, bad override syntax) are reported with CLR exceptions instead.
/// </remarks>
public abstract class OpenStackException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected OpenStackException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>The HTTP method of the failed request.</summary>
    public HttpMethod? Method { get; init; }

    /// <summary>The URL of the failed request.</summary>
    public Uri? RequestUri { get; init; }
}

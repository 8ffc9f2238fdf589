using System.Net;

namespace Stackmark.OpenStack;

/// <summary>
/// The OpenStack server answered with an error status (4xx/5xx, or an unexpected status for the call).
/// </summary>
/// <remarks>
/// One type for every status code; inspect <see cref="StatusCode"/>. <see cref="FaultMessage"/> is parsed from the
/// usual OpenStack fault bodies (Keystone <c>{"error": {...}}</c>, Nova/Cinder <c>{"itemNotFound": {...}}</c>,
/// Neutron <c>{"NeutronError": {...}}</c>) or is the first line of a plain-text body.
/// </remarks>
public sealed class OpenStackApiException : OpenStackException
{
    /// <summary>Creates the exception.</summary>
    public OpenStackApiException(HttpStatusCode statusCode, string? requestId, string? faultMessage, string message)
        : base(message)
    {
        StatusCode = statusCode;
        RequestId = requestId;
        FaultMessage = faultMessage;
    }

    /// <summary>The HTTP status code the server returned.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The request id header (<c>x-openstack-request-id</c>, <c>x-compute-request-id</c> or <c>x-trans-id</c>), if any.</summary>
    public string? RequestId { get; }

    /// <summary>The fault message parsed from the body, if any.</summary>
    public string? FaultMessage { get; }
}

namespace Stackmark.OpenStack;

/// <summary>How a cloud provider id (cpid) was derived; see refstack-client <c>_get_cpid_from_keystone</c>.</summary>
public enum CpidMethod
{
    /// <summary>The id of the <c>identity</c> service in a Keystone v3 token catalog (the normal case).</summary>
    IdentityServiceId,

    /// <summary>The id of the first endpoint of the <c>identity</c> service in a Keystone v2 catalog.</summary>
    IdentityEndpointId,

    /// <summary>Fallback: lowercase hex MD5 of the host name of the Keystone URL.</summary>
    HostnameMd5,
}

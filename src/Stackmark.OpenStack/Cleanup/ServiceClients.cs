namespace Stackmark.OpenStack;

/// <summary>The clients of the services an account's catalog offers in the cloud's region and interface (null when absent).</summary>
internal sealed record ServiceClients(
    OrchestrationClient? Orchestration,
    DnsClient? Dns,
    ComputeClient? Compute,
    VolumeClient? Volume,
    ImageClient? Image,
    NetworkClient? Network,
    ObjectStorageClient? ObjectStorage)
{
    public static ServiceClients For(OpenStackConnection connection, KeystoneToken token)
    {
        Uri? Endpoint(params string[] types) =>
            types.Select(t => token.Catalog.FindEndpoint(t, connection.Cloud.RegionName, connection.Cloud.Interface)?.Url).FirstOrDefault(u => u is not null);

        var http = connection.Http;
        return new ServiceClients(
            Endpoint("orchestration") is { } heat ? new OrchestrationClient(http, heat) : null,
            Endpoint("dns") is { } dns ? new DnsClient(http, dns) : null,
            Endpoint("compute") is { } nova ? new ComputeClient(http, nova) : null,
            Endpoint("volumev3", "block-storage") is { } cinder ? new VolumeClient(http, cinder) : null,
            Endpoint("image") is { } glance ? new ImageClient(http, glance) : null,
            Endpoint("network") is { } neutron ? new NetworkClient(http, neutron) : null,
            Endpoint("object-store") is { } swift ? new ObjectStorageClient(http, swift) : null);
    }
}

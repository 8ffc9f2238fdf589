using Stackmark.OpenStack.Tests.Support;

namespace Stackmark.OpenStack.Tests.Versions;

public sealed class VersionDocumentTests
{
    [Fact]
    public void Keystone_root_captured_from_the_devcloud_lists_v3_stable()
    {
        var versions = VersionDocument.Parse(Fixture.Read("devcloud/identity-root.json"));

        var v3 = Assert.Single(versions);
        Assert.Equal("v3.14", v3.Id);
        Assert.Equal("STABLE", v3.Status);
        Assert.True(v3.IsCurrent);
        Assert.Equal(3, v3.Major);
        Assert.Equal(new Uri("http://127.0.0.1:5000/v3/"), v3.SelfUrl);
    }

    [Fact]
    public void Versioned_keystone_document_captured_from_the_devcloud_is_a_single_version()
    {
        var v3 = Assert.Single(VersionDocument.Parse(Fixture.Read("devcloud/identity-v3.json")));

        Assert.Equal("v3.14", v3.Id);
    }

    [Fact]
    public void Compute_microversions_come_from_the_current_version()
    {
        var versions = VersionDocument.Parse(Fixture.Read("samples/compute-root.json"));
        var current = VersionDocument.Current(versions)!;

        Assert.Equal(2, versions.Count);
        Assert.Null(versions[0].MaxMicroversion);
        Assert.Equal("v2.1", current.Id);
        Assert.Equal("2.1", current.MinMicroversion);
        Assert.Equal("2.96", current.MaxMicroversion);
    }

    [Fact]
    public void Volume_image_and_network_documents_parse()
    {
        var volume = VersionDocument.Current(VersionDocument.Parse(Fixture.Read("samples/volume-root.json")))!;
        var image = VersionDocument.Parse(Fixture.Read("samples/image-root.json"));
        var network = Assert.Single(VersionDocument.Parse(Fixture.Read("samples/network-root.json")));

        Assert.Equal(("3.0", "3.71"), (volume.MinMicroversion, volume.MaxMicroversion));
        Assert.Equal(new Uri("http://10.0.0.5/volume/v3/"), volume.SelfUrl);
        Assert.Equal("v2.16", VersionDocument.Current(image)!.Id);
        Assert.All(image, v => Assert.Equal(2, v.Major));
        Assert.Equal("v2.0", network.Id);
    }

    [Fact]
    public void Unknown_shapes_give_an_empty_list()
    {
        Assert.Empty(VersionDocument.Parse("""{"something": 1}"""));
        Assert.Empty(VersionDocument.Parse("[]"));
    }

    [Theory]
    [InlineData("http://h:8774/v2.1/abc", "http://h:8774/")]
    [InlineData("http://h/compute/v2.1", "http://h/compute/")]
    [InlineData("http://h:9292", "http://h:9292/")]
    [InlineData("http://h/image", "http://h/image/")]
    [InlineData("http://h:8776/v3/0123456789abcdef", "http://h:8776/")]
    [InlineData("http://127.0.0.1:8080/v1/AUTH_p1", "http://127.0.0.1:8080/")]
    [InlineData("https://h/identity/v3/", "https://h/identity/")]
    public void Version_root_strips_the_version_segment_and_what_follows(string endpoint, string root)
    {
        Assert.Equal(new Uri(root), EndpointUrls.VersionRoot(new Uri(endpoint)));
    }

    [Fact]
    public async Task Swift_info_captured_from_the_devcloud_lists_discoverable_apis()
    {
        var stub = new StubHandler().OnJson("GET", "http://127.0.0.1:8080/info", System.Net.HttpStatusCode.OK, Fixture.Read("devcloud/swift-info.json"));
        var client = new ObjectStorageClient(new HttpClient(stub), new Uri("http://127.0.0.1:8080/v1/AUTH_p1"));

        var info = await client.GetInfoAsync();

        Assert.Equal("swift", info.Names[0]);
        Assert.Contains("tempurl", info.Names);
        Assert.Equal("2.30.1", info.Capabilities["swift"].GetProperty("version").GetString());
    }
}

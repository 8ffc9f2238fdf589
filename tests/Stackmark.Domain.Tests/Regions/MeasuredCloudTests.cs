using System.Text;
using CsCheck;
using Stackmark.Regions;

namespace Stackmark.Domain.Tests.Regions;

public sealed class MeasuredCloudTests
{
    private static readonly Gen<string?> Word = Gen.OneOf<string?>(null, "", "ubuntu", "windows", "QEMU", "ironic", "é\"\\\n", "RegionOne");

    private static readonly Gen<MeasuredCloud> Cloud = Gen.Select(
        Gen.OneOf<string?>(null, "RegionOne", "r-ü"),
        Gen.OneOf("QEMU", "ironic", "fake", "VMware vCenter Server").Array[0, 3],
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 0, 12], Word, Word, (n, d, t) => new MeasuredImage(n, d, t)).Array[0, 4],
        Gen.Bool,
        (region, types, images, validation) => new MeasuredCloud(region, types, images, validation));

    [Fact]
    public void What_upload_sends_the_registry_reads_back_unchanged()
    {
        Cloud.Sample(cloud =>
        {
            var parsed = MeasuredCloud.Parse(Encoding.UTF8.GetBytes(cloud.ToJson()), "measured");
            Assert.True(parsed.Success, parsed.ToString());
            Assert.Equal(cloud, parsed.Value);
        });
    }

    [Fact]
    public void The_meta_form_fits_refstacks_1024_bytes_and_keeps_every_family_that_fits()
    {
        var image = Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 0, 80], Gen.OneOf<string?>(null, "ubuntu", "debian", "windows", "rhel", "freebsd"), Gen.OneOf<string?>(null, "linux", "windows"),
            (n, d, t) => new MeasuredImage(n, d, t));
        var named = Gen.OneOf(new MeasuredImage("jammy-server", null, null), new MeasuredImage("win2022", null, null));
        Gen.Select(Gen.Select(image.Array[0, 300], named.Array[0, 3], (a, b) => a.Concat(b).ToArray()), Gen.OneOf("QEMU", "ironic", "qemu").Array[0, 5],
            (images, types) => new MeasuredCloud("RegionOne", types, images, true)).Sample(cloud =>
        {
            var meta = cloud.ForMeta();
            Assert.True(Encoding.UTF8.GetByteCount(meta.ToJson()) <= 1024);
            Assert.Equal(cloud.Images.Select(i => i.Family).OfType<string>().ToHashSet(), meta.Images.Select(i => i.Family).OfType<string>().ToHashSet());
            Assert.Equal(cloud.HypervisorTypes.Distinct(StringComparer.OrdinalIgnoreCase).Count(), meta.HypervisorTypes.Count);
        }, iter: 500);
    }

    [Fact]
    public void The_manifests_cloud_section_reads_with_its_other_keys_ignored()
    {
        const string Manifest = """
            {"name": "devcloud", "region": "RegionOne", "cpid_method": "IdentityServiceId", "guest_validation": true,
             "services": ["nova", "swift"], "hypervisor_types": ["QEMU"],
             "images": [{"name": "devcloud-guest-1", "os_distro": "debian", "os_type": "linux"}]}
            """;

        var cloud = MeasuredCloud.Parse(Encoding.UTF8.GetBytes(Manifest), "manifest.json").Value!;

        Assert.Equal(new MeasuredCloud("RegionOne", ["QEMU"], [new MeasuredImage("devcloud-guest-1", "debian", "linux")], true), cloud);
    }

    [Theory]
    [InlineData("[]", "$", 1, "expected an object")]
    [InlineData("{\"images\": [{\"name\": 3}]}", "$.images[0].name", 1, "\"name\" must be a string")]
    [InlineData("{\n\"hypervisor_types\": [\"QEMU\",\n 7]}", "$.hypervisor_types[1]", 3, "hypervisor type")]
    [InlineData("{\"guest_validation\": \"yes\"}", "$.guest_validation", 1, "true or false")]
    [InlineData("{\"region\": \"", "$", 1, "not valid JSON")]
    public void Bad_input_is_refused_naming_the_json_path_and_line(string json, string path, int line, string message)
    {
        var parsed = MeasuredCloud.Parse(Encoding.UTF8.GetBytes(json), "measured");

        Assert.False(parsed.Success);
        Assert.Contains(message, parsed.Error, StringComparison.Ordinal);
        Assert.Equal(("measured", line), (parsed.Location!.File, parsed.Location.Line));
        Assert.StartsWith(path, parsed.Location.JsonPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutated_bytes_give_a_value_or_an_error_never_an_exception()
    {
        Gen.Select(Cloud, Gen.Int[0, 400], Gen.Byte).Sample((cloud, at, b) =>
        {
            var bytes = Encoding.UTF8.GetBytes(cloud.ToJson());
            bytes[at % bytes.Length] = b;
            var parsed = MeasuredCloud.Parse(bytes, "measured");
            Assert.True(parsed.Success || parsed.Location is not null);
        });
    }
}

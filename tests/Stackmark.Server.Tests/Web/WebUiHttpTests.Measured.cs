using System.Net;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Web;

public sealed partial class WebUiHttpTests
{
    /// <summary>
    /// The result page sets what the run measured beside the region the vendor declared and flags each disagreement,
    /// escaped: a container region declared with Solaris guests, measured as QEMU booting Debian.
    /// </summary>
    [SkippableFact]
    public async Task The_result_page_flags_where_the_measurement_disagrees_with_the_declared_region()
    {
        registry.RequireServer();
        var s = await Scene.CreateAsync(registry);
        var (product, version) = await s.NewProductAsync(s.VendorA, isPublic: true);
        await s.DeclareRegionsAsync(product, ("zones-1", "container", "Solaris Zones", ["Solaris 11.4"]), ("RegionOne", "hypervisor", "KVM", ["Debian 12"]));
        var id = await s.NewLinkedResultAsync(version, Some.Passing2020("compute"));
        const string Measured = """{"region":"zones-1","hypervisor_types":["QEMU"],"images":[{"name":"devcloud-guest-1","os_distro":"debian","os_type":"linux"}],"guest_validation":true}""";
        foreach (var (key, value) in new[] { ("shared", "true"), ("guideline", "2020.06"), ("target", "compute"), ("region", "zones-1"), ("measured", Measured) })
        {
            await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{id}/meta/{key}", s.AdminA, text: value);
        }

        using var owner = NewBrowserLikeClient(out _);
        await LoginAsync(owner, s.AdminAName, "a long enough password", await CsrfTokenAsync(owner, "/login"));
        var page = await owner.GetStringAsync($"/results/{id}");

        Assert.Contains("Measured by the run", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Hypervisor types</dt><dd>QEMU</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<li class=\"fail\">declared kind container, measured hypervisor types QEMU (hypervisor)</li>", page, StringComparison.Ordinal);
        Assert.Contains("images are linux guests (devcloud-guest-1 (debian)), which region zones-1 does not declare (declared: Solaris 11.4)", page, StringComparison.Ordinal);

        // The same measurement, taken in the region that does run Linux guests on a hypervisor, agrees.
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{id}/meta/region", s.AdminA, text: "RegionOne");
        await s.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{id}/meta/measured", s.AdminA, text: Measured.Replace("zones-1", "RegionOne", StringComparison.Ordinal));
        var agreed = await owner.GetStringAsync($"/results/{id}");
        Assert.Contains("The measurement agrees with the declared region.", agreed, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"disagreements\"", agreed, StringComparison.Ordinal);
    }
}

using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Web;

public sealed partial class BrowserTests
{
    /// <summary>
    /// A product whose only region runs Solaris Zones: its page warns that Compute and Platform results cannot be
    /// verified, naming what it declares; declaring a KVM region with Linux guests clears the warning.
    /// </summary>
    [SkippableFact]
    public async Task The_product_page_warns_when_no_region_can_run_what_compute_and_platform_test()
    {
        Require();
        var scene = await Scene.CreateAsync(registry);
        var (product, _) = await scene.NewProductAsync(scene.VendorA, isPublic: true);
        await scene.DeclareRegionsAsync(product, ("zones-1", "container", "Solaris Zones", ["Solaris 11.4"]));
        var page = await browser.NewPageAsync(registry.BaseUrl);
        await page.GotoAsync($"/products/{product}");

        var warnings = page.Locator("#region-warnings li");
        Assert.Equal(2, await warnings.CountAsync());
        Assert.Equal("the platform program needs a region of kind hypervisor whose guest operating systems include linux; the product declares zones-1 (container Solaris Zones, guests: Solaris 11.4)",
            await warnings.Nth(0).InnerTextAsync());
        Assert.StartsWith("the compute program needs", await warnings.Nth(1).InnerTextAsync(), StringComparison.Ordinal);
        await new Screenshots(nameof(The_product_page_warns_when_no_region_can_run_what_compute_and_platform_test)).TakeAsync(page, "product");

        await scene.DeclareRegionsAsync(product, ("zones-1", "container", "Solaris Zones", ["Solaris 11.4"]), ("RegionOne", "hypervisor", "KVM", ["Ubuntu 24.04"]));
        await page.GotoAsync($"/products/{product}");
        Assert.Equal(0, await page.Locator("#region-warnings").CountAsync());
        Assert.Equal(1, await page.Locator("tr[data-region='RegionOne']").CountAsync());
        await page.Context.CloseAsync();
    }
}

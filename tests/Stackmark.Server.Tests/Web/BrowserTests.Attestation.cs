using System.Net;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Web;

public sealed partial class BrowserTests
{
    [SkippableFact]
    public async Task The_product_page_shows_who_attested_to_which_guidelines_designated_sections_and_when()
    {
        Require();
        var scene = await Scene.CreateAsync(registry);
        var (product, _) = await scene.NewProductAsync(scene.VendorA, isPublic: true);
        var page = await browser.NewPageAsync(registry.BaseUrl);
        await page.GotoAsync($"/products/{product}");
        Assert.Equal(1, await page.Locator("#no-attestations").CountAsync());

        var attested = await scene.ExpectAsync(HttpStatusCode.Created, HttpMethod.Put, $"/v1/products/{product}/attestations/2020.06", scene.AdminA);
        await page.GotoAsync($"/products/{product}");
        var row = page.Locator("table.attestations tr[data-guideline='2020.06']");
        Assert.Equal(1, await row.CountAsync());
        Assert.Equal(scene.AdminAName, await row.Locator("td:nth-child(2)").InnerTextAsync());
        Assert.Equal(attested.Str("attested_at"), await row.Locator("td.mono").InnerTextAsync());
        await new Screenshots(nameof(The_product_page_shows_who_attested_to_which_guidelines_designated_sections_and_when)).TakeAsync(page, "product");

        // The guideline links to its designated sections.
        await row.Locator("a").ClickAsync();
        await page.WaitForURLAsync("**/guidelines/2020.06#designated-sections");
        Assert.True(await page.Locator("table.sections tr").CountAsync() > 1);
        await page.Context.CloseAsync();
    }
}

using System.Net;
using Stackmark.RefStack;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Web;

/// <summary>
/// The certification path through the pages: a vendor admin imports a signing key on the profile page, uploads a
/// run for a product region, reads its report; a foundation admin verifies it from the queue; the product page's
/// region then lists the program. Every page visited is saved under artifacts/screenshots/.
/// </summary>
public sealed partial class BrowserTests
{
    [SkippableFact]
    public async Task A_vendor_imports_a_key_and_a_verification_from_the_queue_gives_the_products_region_its_program()
    {
        Require();
        var shots = new Screenshots(nameof(A_vendor_imports_a_key_and_a_verification_from_the_queue_gives_the_products_region_its_program));
        var scene = await Scene.CreateAsync(registry);
        var (vendorAdmin, vendorToken) = await registry.NewUserAsync();
        var vendor = await scene.NewVendorAsync(vendorToken);
        var product = (await scene.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/v1/products", vendorToken,
            new { name = Scene.Unique("Example Cloud"), product_type = 1, organization_id = vendor, @public = true })).Str("id");
        var cpid = Some.Cpid();
        var version = (await scene.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/products/{product}/versions", vendorToken, new { version = "2026.1", cpid })).Str("id");
        await scene.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/v1/products/{product}/regions", vendorToken, new
        {
            regions = new object[]
            {
                new { name = "RegionOne", kind = "hypervisor", runtime = "KVM", guest_os = new[] { "Ubuntu 24.04", "Windows Server 2022" } },
                new { name = "edge-1", kind = "container", runtime = "Kata", guest_os = new[] { "Debian 12" } },
            },
        });

        // Verification needs the vendor's attestation that the product runs 2020.06's designated sections.
        await scene.ExpectAsync(HttpStatusCode.Created, HttpMethod.Put, $"/v1/products/{product}/attestations/2020.06", vendorToken);

        // The vendor admin signs in and imports a key made by ssh-keygen, pasting its .pub line and self-signature.
        var (key, publicLine) = SshKeys.MakeWithPublicLine("browser-vendor", 2048);
        var page = await SignedInPageAsync(vendorAdmin, Password, shots, "vendor");
        await page.GotoAsync("/profile");
        Assert.Equal(1, await page.Locator("#no-keys").CountAsync());
        await shots.TakeAsync(page, "profile-without-keys");
        await page.FillAsync("textarea[name=raw_key]", publicLine);
        await page.FillAsync("textarea[name=self_signature]", ResultSigner.SelfSignature(key));
        await page.ClickAsync("form[action='/profile/keys'] button[type=submit]");
        await page.WaitForURLAsync("**/profile?notice=key-added");
        Assert.Equal("Public key imported.", await page.InnerTextAsync("p.notice"));
        var fingerprint = SshPublicKey.Parse(publicLine).Value!.Sha256Fingerprint;
        Assert.Equal(fingerprint, await page.InnerTextAsync("table.keys td.mono"));
        Assert.Equal("browser-vendor", await page.InnerTextAsync("table.keys td:nth-child(3)"));
        await shots.TakeAsync(page, "profile-key-imported");

        // The imported key signs an upload: it is the vendor admin's, linked by cpid, and placed in RegionOne.
        var upload = await registry.UploadAsync(Some.Passing2020("compute", cpid), key);
        Assert.True(upload.Success, upload.Error);
        var id = upload.TestId!;
        foreach (var (metaKey, value) in new[] { ("shared", "true"), ("guideline", "2020.06"), ("target", "compute"), ("region", "RegionOne") })
        {
            await scene.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/v1/results/{id}/meta/{metaKey}", vendorToken, text: value);
        }

        await page.GotoAsync($"/results/{id}");
        Assert.StartsWith("Compliant with OpenStack Powered Compute (2020.06, target compute)", await page.InnerTextAsync("#verdict"), StringComparison.Ordinal);
        Assert.Equal("RegionOne", await page.InnerTextAsync("#region"));
        Assert.Contains("not verified", await page.InnerTextAsync("#verification"), StringComparison.Ordinal);
        Assert.Contains(vendorAdmin, await page.InnerTextAsync("dl.facts"), StringComparison.Ordinal);
        await shots.TakeAsync(page, "report");

        // Before verification the region lists no program, and the page says the unverified run was left out.
        await page.GotoAsync($"/products/{product}");
        var regionOne = page.Locator("table.regions tr[data-region='RegionOne']");
        Assert.Contains("hypervisor: KVM", await regionOne.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Windows Server 2022", await regionOne.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("none yet", await regionOne.Locator("td.programs").InnerTextAsync());
        Assert.Equal("Unverified results are not counted here: 1 linked result awaiting verification is left out.", await page.InnerTextAsync("#unverified-note"));
        await shots.TakeAsync(page, "product-before-verification");

        // The queue is the foundation's: the vendor admin is refused.
        var refused = await page.GotoAsync("/verification");
        Assert.Equal(403, refused!.Status);
        Assert.Contains("Only foundation admins see the verification queue", await page.InnerTextAsync("p.error"), StringComparison.Ordinal);
        await shots.TakeAsync(page, "queue-refused-to-vendor");

        var admin = await SignedInPageAsync("admin", RegistryFixture.AdminPassword, shots, "foundation");
        await admin.ClickAsync("nav a:has-text('Verification queue')");
        await admin.WaitForURLAsync("**/verification");
        var row = admin.Locator($"table.queue tr[data-result='{id}']");
        Assert.Equal(1, await row.CountAsync());
        Assert.Equal("compliant 2020.06 OpenStack Powered Compute", await row.Locator("td.compliance").InnerTextAsync());
        Assert.Contains("RegionOne", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("ready", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(await row.Locator("input[name=__csrf]").GetAttributeAsync("value")));
        await shots.TakeAsync(admin, "queue");

        await row.Locator("button.verify").ClickAsync();
        await admin.WaitForURLAsync("**/verification?notice=verified");
        Assert.Equal("Result verified.", await admin.InnerTextAsync("p.notice"));
        Assert.Equal(0, await admin.Locator($"table.queue tr[data-result='{id}']").CountAsync());
        await shots.TakeAsync(admin, "queue-after-verify");
        var run = await RunAsync(scene, id);
        Assert.Equal(1, run.GetProperty("verification_status").GetInt32());
        Assert.Equal("admin", run.GetProperty("verified_by").GetString());

        // The product page now credits RegionOne (only) with the program, linked to the verified run.
        await page.GotoAsync($"/products/{product}");
        var programs = page.Locator("table.regions tr[data-region='RegionOne'] li.program");
        Assert.Equal(1, await programs.CountAsync());
        Assert.StartsWith("2020.06 OpenStack Powered Compute", await programs.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal($"/results/{id}", await programs.Locator("a").GetAttributeAsync("href"));
        Assert.Equal("version 2026.1", await programs.Locator("a").InnerTextAsync());
        Assert.Equal("none yet", await page.Locator("table.regions tr[data-region='edge-1'] td.programs").InnerTextAsync());
        Assert.Equal("Unverified results are not counted here.", await page.InnerTextAsync("#unverified-note"));
        await shots.TakeAsync(page, "product-after-verification");

        Assert.Equal(
            [
                "01-vendor-login", "02-vendor-signed-in", "03-profile-without-keys", "04-profile-key-imported", "05-report", "06-product-before-verification",
                "07-queue-refused-to-vendor", "08-foundation-login", "09-foundation-signed-in", "10-queue", "11-queue-after-verify", "12-product-after-verification",
            ],
            shots.Taken.Select(Path.GetFileNameWithoutExtension));
        Assert.All(shots.Taken, path => Assert.True(new FileInfo(path).Length > 10_000, path));
        await page.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }
}

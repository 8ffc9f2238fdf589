using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Stackmark.RefStack;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Results;

/// <summary>
/// <c>stackmark upload RUN_DIR --token …</c> end to end against a real registry, through <see cref="StackmarkCli"/>: the
/// run's guideline, target and region (manifest.json's <c>cloud.region</c>) become the result's meta, refusals are said
/// in the registry's words, and the upload stands whatever the meta's fate.
/// </summary>
/// <remarks>One class, so its tests run one at a time: two of them set or clear STACKMARK_TOKEN for the process.</remarks>
public sealed class UploadCommandMetaTests(SqliteRegistry registry) : IClassFixture<SqliteRegistry>, IDisposable
{
    private const string TokenVariable = "STACKMARK_TOKEN";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("stackmark-upload-meta-");

    public void Dispose() => _dir.Delete(recursive: true);

    /// <summary>A run directory as `stackmark run` leaves it (the files upload reads): results.json and manifest.json.</summary>
    private string RunDirectory(string? region, string cpid)
    {
        var run = _dir.CreateSubdirectory(Scene.Unique("run")).FullName;
        File.WriteAllBytes(Path.Combine(run, "results.json"), RefStackJson.Serialize(Some.Results(cpid)));
        File.WriteAllText(Path.Combine(run, "manifest.json"), $$"""
            {
              "stackmark": "1.0.0.0",
              "tempest": "33.0.0",
              "guideline": "2019.11",
              "guideline_schema": "1.7",
              "target": "object",
              "cpid": "{{cpid}}",
              "compliant": true,
              "interrupted": false,
              "cloud": {
                "name": "devcloud",
                "region": {{JsonSerializer.Serialize(region)}},
                "cpid_method": "IdentityServiceId",
                "guest_validation": false,
                "services": ["glance", "keystone", "swift"],
                "hypervisor_types": ["QEMU", "QEMU"],
                "images": [{"name": "cirros-0.6", "os_distro": "cirros", "os_type": "linux"}, {"name": "cirros-0.5", "os_distro": "cirros", "os_type": "linux"}]
              }
            }
            """);
        return run;
    }

    private string KeyFile(System.Security.Cryptography.RSA key)
    {
        var path = Path.Combine(_dir.FullName, Scene.Unique("key"));
        File.WriteAllText(path, key.ExportRSAPrivateKeyPem());
        return path;
    }

    private static string TestId(string stdout) => stdout.TrimEnd().Split('\n')[^1].Trim().Split('/')[^1];

    private static async Task<Dictionary<string, string?>> MetaAsync(Scene s, string id) =>
        (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{id}/meta", s.AdminA)).Body
            .EnumerateObject().Where(p => p.Name is not ("user" or "measured")).ToDictionary(p => p.Name, p => p.Value.GetString());

    // What the run directory's manifest measured, as upload sends it: one image per kind, one of each hypervisor type.
    private static string Measured(string? region) =>
        $$"""{"region":{{JsonSerializer.Serialize(region)}},"hypervisor_types":["QEMU"],"images":[{"name":"cirros-0.6","os_distro":"cirros","os_type":"linux"}],"guest_validation":false}""";

    /// <summary>Vendor A's product declaring <paramref name="regions"/>; its default version's id.</summary>
    private static async Task<string> ProductVersionAsync(Scene s, params string[] regions)
    {
        var (product, version) = await s.NewProductAsync(s.VendorA);
        if (regions.Length > 0)
        {
            await s.DeclareRegionsAsync(product, [.. regions.Select(r => (r, "hypervisor", (string?)"KVM", Array.Empty<string>()))]);
        }

        return version;
    }

    [SkippableFact]
    public async Task A_run_certified_in_RegionTwo_gets_its_region_guideline_and_target_on_the_linked_result()
    {
        registry.RequireServer();
        var cli = StackmarkCli.Load();
        var s = await Scene.CreateAsync(registry);
        var version = await ProductVersionAsync(s, "RegionOne", "regiontwo");

        var (code, stdout, stderr) = await cli(["upload", RunDirectory("RegionTwo", Some.Cpid()), "--url", registry.BaseUrl.ToString(), "--key", KeyFile(s.KeyA),
            "--token", s.AdminA, "--product-version", version]);

        Assert.True(code == 0, stderr);
        var id = TestId(stdout);
        Assert.Contains($"Linked the result to product version {version}", stderr, StringComparison.Ordinal);
        Assert.Contains("Set region = RegionTwo (from the run's manifest.json)", stderr, StringComparison.Ordinal);
        // Stored as the product spells it; guideline and target from the manifest too.
        Assert.Equal(new Dictionary<string, string?> { ["guideline"] = "2019.11", ["target"] = "object", ["region"] = "regiontwo" }, await MetaAsync(s, id));
        Assert.Contains("Set measured = (what the run measured: ", stderr, StringComparison.Ordinal);
        Assert.Equal(Measured("RegionTwo"), (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{id}/meta", s.AdminA)).Body.GetProperty("measured").GetString());
        var shown = await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{id}", s.AdminA);
        Assert.Equal(version, shown.Body.GetProperty("product_version").GetProperty("id").GetString());
    }

    [SkippableFact]
    public async Task Options_win_over_the_manifest_and_a_result_linked_by_its_cpid_needs_no_product_version()
    {
        registry.RequireServer();
        var cli = StackmarkCli.Load();
        var s = await Scene.CreateAsync(registry);
        var (product, _) = await s.NewProductAsync(s.VendorA);
        await s.DeclareRegionsAsync(product, ("RegionOne", "hypervisor", "KVM", []), ("RegionTwo", "hypervisor", "KVM", []));
        var cpid = Some.Cpid();
        await s.NewVersionAsync(product, cpid);

        var (code, stdout, stderr) = await cli(["upload", RunDirectory("RegionTwo", cpid), "--url", registry.BaseUrl.ToString(), "--key", KeyFile(s.KeyA),
            "--token", s.AdminA, "--region", "RegionOne", "--guideline", "2020.06.json", "--target", "platform"]);

        Assert.True(code == 0, stderr);
        Assert.Contains("Set region = RegionOne (from --region)", stderr, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, string?> { ["guideline"] = "2020.06", ["target"] = "platform", ["region"] = "RegionOne" }, await MetaAsync(s, TestId(stdout)));
    }

    [SkippableFact]
    public async Task A_region_the_product_does_not_declare_is_reported_and_the_result_stays()
    {
        registry.RequireServer();
        var cli = StackmarkCli.Load();
        var s = await Scene.CreateAsync(registry);
        var version = await ProductVersionAsync(s, "RegionOne");
        string[] Upload(params string[] more) => ["upload", RunDirectory("RegionTwo", Some.Cpid()), "--url", registry.BaseUrl.ToString(), "--key", KeyFile(s.KeyA), "--token", s.AdminA, "--product-version", version, .. more];

        // Known from the manifest only: a warning, exit 0.
        var (code, stdout, stderr) = await cli(Upload());
        Assert.True(code == 0, stderr);
        Assert.Contains("stackmark: warning: region RegionTwo (from the run's manifest.json) not set: HTTP 400: Unknown region: product ", stderr, StringComparison.Ordinal);
        Assert.Contains("declares no region \"RegionTwo\"; it declares: RegionOne (declare the region on the product first: PUT /v1/products/{id}/regions", stderr, StringComparison.Ordinal);
        var id = TestId(stdout);
        Assert.Contains($"the upload stands (test id {id}); set a key on it without uploading again: curl -X POST -H \"Authorization: Bearer ${TokenVariable}\" --data-binary 'RegionTwo' {registry.BaseUrl.AbsoluteUri.TrimEnd('/')}/v1/results/{id}/meta/region", stderr, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, string?> { ["guideline"] = "2019.11", ["target"] = "object" }, await MetaAsync(s, id));

        // Asked for by option: an error, exit 3; the result is stored all the same, linked, with the rest of its meta.
        (code, stdout, stderr) = await cli(Upload("--region", "RegionTwo"));
        Assert.True(code == 3, stderr);
        Assert.Contains("stackmark: error: region RegionTwo (from --region) not set: HTTP 400: Unknown region", stderr, StringComparison.Ordinal);
        id = TestId(stdout);
        Assert.Equal(new Dictionary<string, string?> { ["guideline"] = "2019.11", ["target"] = "object" }, await MetaAsync(s, id));
        Assert.Equal(version, (await s.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/v1/results/{id}", s.AdminA)).Body.GetProperty("product_version").GetProperty("id").GetString());
    }

    [SkippableFact]
    public async Task A_region_on_a_result_linked_to_no_product_names_the_option_that_links_it()
    {
        registry.RequireServer();
        var cli = StackmarkCli.Load();
        var s = await Scene.CreateAsync(registry);

        var (code, stdout, stderr) = await cli(["upload", RunDirectory("RegionTwo", Some.Cpid()), "--url", registry.BaseUrl.ToString(), "--key", KeyFile(s.KeyA), "--token", s.AdminA]);

        Assert.True(code == 0, stderr);
        Assert.Contains("region RegionTwo (from the run's manifest.json) not set: HTTP 409: Result not linked to a product", stderr, StringComparison.Ordinal);
        Assert.Contains("(link the result to a product version: --product-version ID", stderr, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, string?> { ["guideline"] = "2019.11", ["target"] = "object" }, await MetaAsync(s, TestId(stdout)));
    }

    [SkippableFact]
    public async Task Without_a_token_the_upload_is_as_before_and_one_line_says_which_meta_was_not_set()
    {
        registry.RequireServer();
        var cli = StackmarkCli.Load();
        var s = await Scene.CreateAsync(registry);
        var saved = Environment.GetEnvironmentVariable(TokenVariable);
        Environment.SetEnvironmentVariable(TokenVariable, null);
        try
        {
            var (code, stdout, stderr) = await cli(["upload", RunDirectory("RegionTwo", Some.Cpid()), "--url", registry.BaseUrl.ToString(), "--key", KeyFile(s.KeyA)]);

            Assert.True(code == 0, stderr);
            Assert.Equal(
                $"stackmark: note: the result has no meta guideline 2019.11, target object, region RegionTwo, measured (what the run measured: {Measured("RegionTwo").Length} bytes of JSON) (from the run's manifest.json): give --token (or STACKMARK_TOKEN) "
                + "of the result's owner to set them, and --product-version ID unless the result links itself by cpid (a region must be one its product declares)",
                stderr.Trim());
            Assert.Empty(await MetaAsync(s, TestId(stdout)));

            // A results.json with no manifest beside it: nothing known, nothing said.
            var alone = Path.Combine(_dir.FullName, "results.json");
            File.Copy(Path.Combine(RunDirectory(null, Some.Cpid()), "results.json"), alone);
            (code, _, stderr) = await cli(["upload", alone, "--url", registry.BaseUrl.ToString(), "--key", KeyFile(s.KeyA)]);
            Assert.True(code == 0, stderr);
            Assert.Equal("", stderr);
        }
        finally
        {
            Environment.SetEnvironmentVariable(TokenVariable, saved);
        }
    }

    [SkippableFact]
    public async Task The_token_may_come_from_the_environment()
    {
        registry.RequireServer();
        var cli = StackmarkCli.Load();
        var s = await Scene.CreateAsync(registry);
        var saved = Environment.GetEnvironmentVariable(TokenVariable);
        Environment.SetEnvironmentVariable(TokenVariable, s.AdminA);
        try
        {
            var (code, stdout, stderr) = await cli(["upload", RunDirectory(null, Some.Cpid()), "--url", registry.BaseUrl.ToString(), "--key", KeyFile(s.KeyA)]);

            Assert.True(code == 0, stderr);
            Assert.Equal(new Dictionary<string, string?> { ["guideline"] = "2019.11", ["target"] = "object" }, await MetaAsync(s, TestId(stdout)));
        }
        finally
        {
            Environment.SetEnvironmentVariable(TokenVariable, saved);
        }
    }

    [SkippableFact]
    public async Task What_cannot_be_set_is_refused_before_anything_is_uploaded()
    {
        registry.RequireServer();
        var cli = StackmarkCli.Load();
        var s = await Scene.CreateAsync(registry);
        var run = RunDirectory("RegionTwo", Some.Cpid());
        var key = KeyFile(s.KeyA);
        var saved = Environment.GetEnvironmentVariable(TokenVariable);
        Environment.SetEnvironmentVariable(TokenVariable, null);

        // A port nobody listens on: exit 2 (not 3, unreachable) proves nothing was sent.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closed = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        probe.Stop();
        try
        {
            var (code, _, stderr) = await cli(["upload", run, "--url", closed, "--key", key, "--region", "RegionTwo"]);
            Assert.Equal(2, code);
            Assert.Contains("--region is set on the result after the upload, with an API token: give --token TOKEN or STACKMARK_TOKEN", stderr, StringComparison.Ordinal);

            (code, _, stderr) = await cli(["upload", run, "--url", closed, "--key", key, "--token", s.AdminA, "--product-version", "not-a-uuid"]);
            Assert.Equal(2, code);
            Assert.Contains("--product-version 'not-a-uuid' is not valid: a product version's id (a UUID)", stderr, StringComparison.Ordinal);

            (code, _, stderr) = await cli(["upload", run, "--url", closed, "--key", key, "--token", s.AdminA, "--guideline", "2019"]);
            Assert.Equal(2, code);
            Assert.Contains("'2019' is not a guideline version", stderr, StringComparison.Ordinal);

            // .invalid never resolves (RFC 2606): a bearer token never goes in clear to another machine.
            (code, _, stderr) = await cli(["upload", run, "--url", "http://registry.stackmark.invalid", "--key", key, "--token", s.AdminA]);
            Assert.Equal(2, code);
            Assert.Contains("--token: an API token is sent only over https or to a loopback address, not in clear to http://registry.stackmark.invalid", stderr, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(run, "manifest.json"), "{\"guideline\": \"2019.11\",\n\"target\": 7}");
            (code, _, stderr) = await cli(["upload", run, "--url", closed, "--key", key, "--token", s.AdminA]);
            Assert.Equal(2, code);
            Assert.Contains("manifest.json:2 $.target: \"target\" must be a non-empty string", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(TokenVariable, saved);
        }
    }
}

using System.Text.Json;

namespace Stackmark.EndToEnd.Tests;

/// <summary>
/// The devcloud's member accounts (<c>$STATE/accounts.yaml</c>, written by deploy/devcloud/start.sh) and what they
/// hold, read by an independent client: Debian's keystoneauth and swiftclient, not Stackmark's own code.
/// </summary>
internal static class MemberAccounts
{
    /// <summary>The devcloud's state dir, as scripts/test.sh sets it.</summary>
    public static string StateDir => Environment.GetEnvironmentVariable("STACKMARK_DEVCLOUD_STATE") is { Length: > 0 } s ? s : "/var/lib/stackmark-devcloud";

    /// <summary>The accounts file a vendor would hand the runner.</summary>
    public static string AccountsFile => Path.Combine(StateDir, "accounts.yaml");

    /// <summary>A service's log in the state dir (e.g. swift-proxy-r2).</summary>
    public static string Log(string service) => Path.Combine(StateDir, "log", service + ".log");

    // Lists every account's containers with their object counts, logging in as each account through the public
    // endpoints of clouds.yaml's `devcloud` entry (its auth_url, region and cacert).
    private const string Script = """
        import json, sys, yaml
        from keystoneauth1 import session
        from keystoneauth1.identity import v3
        import swiftclient
        accounts, clouds, region = sys.argv[1:4]
        cloud = yaml.safe_load(open(clouds))["clouds"]["devcloud"]
        verify = cloud.get("cacert", True)
        out = {}
        for a in yaml.safe_load(open(accounts)):
            auth = v3.Password(auth_url=cloud["auth"]["auth_url"], username=a["username"], password=a["password"],
                               project_name=a["project_name"], user_domain_name="Default", project_domain_name="Default")
            s = session.Session(auth=auth, verify=verify)
            url = s.get_endpoint(service_type="object-store", interface="public", region_name=region)
            conn = swiftclient.Connection(session=s, os_options={"object_storage_url": url},
                                          cacert=verify if isinstance(verify, str) else None)
            _, containers = conn.get_account(full_listing=True)
            out[a["username"]] = {c["name"]: c["count"] for c in containers}
        print(json.dumps(out, sort_keys=True))
        """;

    /// <summary>Every account's containers and their object counts, as JSON text (stable order).</summary>
    public static async Task<string> InventoryAsync(string region = "RegionOne")
    {
        var script = Path.Combine(Path.GetTempPath(), $"stackmark-inventory-{Environment.ProcessId}.py");
        await File.WriteAllTextAsync(script, Script);
        var (exit, output, err) = await DevCloud.RunProcessAsync("/usr/bin/python3", [script, AccountsFile, Path.Combine(StateDir, "clouds.yaml"), region], TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" });
        Assert.True(exit == 0, $"inventory of the member accounts failed ({exit}): {err}");
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.GetRawText();
    }

    /// <summary>How many lines a log has now (0 when it does not exist).</summary>
    public static long Lines(string service) => File.Exists(Log(service)) ? File.ReadLines(Log(service)).LongCount() : 0;
}

namespace Stackmark.OpenStack.Tests.Integration;

/// <summary>
/// The local dev cloud (deploy/devcloud: Keystone + Swift + Glance on 127.0.0.1). Tests skip when it is down,
/// unless STACKMARK_REQUIRE_DEVCLOUD=1 (CI), in which case they fail.
/// </summary>
internal static class DevCloud
{
    public const string Member = "devcloud";
    public const string Admin = "devcloud-admin";
    public const string Alt = "devcloud-alt";

    private static readonly Lazy<string?> Unavailable = new(Probe);

    public static bool Required => Environment.GetEnvironmentVariable("STACKMARK_REQUIRE_DEVCLOUD") == "1";

    /// <summary>Skips (or fails, when required) if the cloud is not there.</summary>
    public static void Require()
    {
        var reason = Unavailable.Value;
        if (reason is null)
        {
            return;
        }

        if (Required)
        {
            Assert.Fail($"STACKMARK_REQUIRE_DEVCLOUD=1 but the dev cloud is unavailable: {reason}");
        }

        Skip.If(true, $"dev cloud unavailable: {reason}");
    }

    public static CloudConfig Cloud(string name) => CloudConfigResolver.FromSystem().Resolve(name);

    private static string? Probe()
    {
        try
        {
            var resolver = CloudConfigResolver.FromSystem();
            var cloud = resolver.Resolve(Member);
            resolver.Resolve(Admin);
            // The cloud's own TLS options: the devcloud may serve HTTPS with a CA of its own (start.sh --tls).
            using var http = new HttpClient(TransportFactory.Create(cloud.Tls)) { Timeout = TimeSpan.FromSeconds(5) };
            using var response = http.GetAsync(cloud.Auth.AuthUrl).GetAwaiter().GetResult();
            return (int)response.StatusCode < 500 ? null : $"{cloud.Auth.AuthUrl} answered {(int)response.StatusCode}";
        }
        catch (CloudConfigException ex)
        {
            return ex.Message;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return $"Keystone unreachable: {ex.Message}";
        }
    }
}

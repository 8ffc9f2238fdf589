namespace Stackmark.OpenStack.Tests.Support;

/// <summary>Object mother.</summary>
internal static class Some
{
    public static CloudConfig Cloud(string authUrl = "http://keystone.test:5000/v3", bool insecure = false) => new()
    {
        Name = "test",
        Auth = new CloudAuth
        {
            AuthUrl = new Uri(authUrl),
            Username = "demo",
            Password = "s3cret$pw",
            ProjectName = "demo",
            UserDomainName = "Default",
            ProjectDomainName = "Default",
        },
        RegionName = "RegionOne",
        Tls = new TlsOptions { Insecure = insecure },
    };

    public static DiscoveredService Service(string codename, string type, string? endpoint = null) =>
        new() { Codename = codename, Type = type, Endpoint = endpoint is null ? null : new Uri(endpoint) };

    public static CloudDiscoveryResult Discovery(params DiscoveredService[] services)
    {
        var known = new[] { "nova", "cinder", "neutron", "glance", "swift" };
        var all = known.Select(c => services.FirstOrDefault(s => s.Codename == c) ?? Service(c, c)).ToList();
        return new CloudDiscoveryResult
        {
            IdentityV3Url = new Uri("http://keystone.test:5000/v3"),
            IdentityVersions = [new ApiVersion("v3.14", "STABLE", null, null, null)],
            UserName = "demo",
            ProjectName = "demo",
            ProjectId = "p1",
            Roles = ["member", "reader"],
            Services = all,
            Cpid = new CpidResult("svc-keystone", CpidMethod.IdentityServiceId),
            GuestOs = GuestOsReport.Build([], false, false),
        };
    }
}

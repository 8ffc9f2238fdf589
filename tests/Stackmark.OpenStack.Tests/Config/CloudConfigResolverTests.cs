using Stackmark.OpenStack.Tests.Support;

namespace Stackmark.OpenStack.Tests.Config;

public sealed class CloudConfigResolverTests : IDisposable
{
    private const string CloudsYaml = """
        clouds:
          devcloud:
            auth:
              auth_url: http://127.0.0.1:5000/v3
              username: demo
              password: demopw
              project_name: demo
              user_domain_name: Default
              project_domain_name: Default
            region_name: RegionOne
            interface: public
            identity_api_version: 3
          appcred:
            auth_type: v3applicationcredential
            auth:
              auth_url: https://keystone.example.com/v3
              application_credential_id: ac1
              application_credential_secret: shh
            regions:
              - name: North
              - South
            verify: false
          nopass:
            auth:
              auth_url: http://127.0.0.1:5000/v3
              username: demo
              project_name: demo
          noauthurl:
            auth:
              username: demo
              password: x
              project_name: demo
          v2:
            identity_api_version: 2
            auth:
              auth_url: http://127.0.0.1:5000/v2.0
              username: demo
              password: x
              project_name: demo
          tls:
            cacert: /etc/ssl/ca.pem
            cert: /etc/ssl/client.pem
            key: /etc/ssl/client.key
            auth:
              auth_url: https://keystone.example.com:5000
              user_id: 42
              password: x
              project_id: 7
              domain_name: Corp
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private CloudConfigResolver Resolver(Dictionary<string, string?>? env = null, string? secure = null)
    {
        var clouds = _dir.Write("etc/clouds.yaml", CloudsYaml);
        var secureFiles = secure is null ? [] : new[] { _dir.Write("etc/secure.yaml", secure) };
        return new CloudConfigResolver(env ?? [], [Path.Combine(_dir.Path, "missing.yaml"), clouds], secureFiles);
    }

    [Fact]
    public void Named_cloud_is_read_from_the_first_existing_file()
    {
        var cloud = Resolver().Resolve("devcloud");

        Assert.Equal("devcloud", cloud.Name);
        Assert.Equal(new Uri("http://127.0.0.1:5000/v3"), cloud.Auth.AuthUrl);
        Assert.Equal(CloudAuthType.Password, cloud.Auth.Type);
        Assert.Equal("demo", cloud.Auth.Username);
        Assert.Equal("demopw", cloud.Auth.Password);
        Assert.Equal("demo", cloud.Auth.ProjectName);
        Assert.Equal("Default", cloud.Auth.UserDomainName);
        Assert.Equal("RegionOne", cloud.RegionName);
        Assert.Equal("public", cloud.Interface);
        Assert.False(cloud.Tls.Insecure);
        Assert.EndsWith("clouds.yaml", cloud.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Secure_yaml_supplies_the_missing_password()
    {
        var cloud = Resolver(secure: "clouds:\n  nopass:\n    auth:\n      password: fromsecure\n").Resolve("nopass");

        Assert.Equal("fromsecure", cloud.Auth.Password);
        Assert.Equal("demo", cloud.Auth.Username);
        Assert.Contains("secure.yaml", cloud.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_cloud_names_the_file_the_defined_clouds_and_the_search_path()
    {
        var ex = Assert.Throws<CloudConfigException>(() => Resolver().Resolve("nope"));

        Assert.Contains("'nope' not found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("devcloud, appcred", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing.yaml", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.SearchedFiles.Count);
    }

    [Fact]
    public void Named_cloud_without_any_clouds_file_lists_the_searched_paths()
    {
        var resolver = new CloudConfigResolver(new Dictionary<string, string?>(), ["/nonexistent/a/clouds.yaml", "/nonexistent/b/clouds.yml"]);

        var ex = Assert.Throws<CloudConfigException>(() => resolver.Resolve("devcloud"));

        Assert.Contains("no clouds.yaml was found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/b/clouds.yml", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nopass", "missing password")]
    [InlineData("noauthurl", "missing clouds.noauthurl.auth.auth_url")]
    [InlineData("v2", "only Keystone v3")]
    public void Invalid_clouds_say_what_is_wrong(string name, string expected)
    {
        var ex = Assert.Throws<CloudConfigException>(() => Resolver().Resolve(name));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"cloud '{name}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Application_credentials_regions_and_verify_false_are_understood()
    {
        var cloud = Resolver().Resolve("appcred");

        Assert.Equal(CloudAuthType.ApplicationCredential, cloud.Auth.Type);
        Assert.Equal("ac1", cloud.Auth.ApplicationCredentialId);
        Assert.Equal("shh", cloud.Auth.ApplicationCredentialSecret);
        Assert.Equal("North", cloud.RegionName);
        Assert.True(cloud.Tls.Insecure);
    }

    [Fact]
    public void Tls_files_ids_and_domain_name_are_read()
    {
        var cloud = Resolver().Resolve("tls");

        Assert.Equal("/etc/ssl/ca.pem", cloud.Tls.CaCertFile);
        Assert.Equal("/etc/ssl/client.pem", cloud.Tls.ClientCertFile);
        Assert.Equal("/etc/ssl/client.key", cloud.Tls.ClientKeyFile);
        Assert.False(cloud.Tls.Insecure);
        Assert.Equal("42", cloud.Auth.UserId);
        Assert.Equal("7", cloud.Auth.ProjectId);
        Assert.Equal("Corp", cloud.Auth.UserDomainName);
        Assert.Equal("Corp", cloud.Auth.ProjectDomainName);
    }

    [Fact]
    public void Environment_variables_build_the_envvars_cloud()
    {
        var env = new Dictionary<string, string?>
        {
            ["OS_AUTH_URL"] = "https://keystone.example.com:5000/v3",
            ["OS_USERNAME"] = "alice",
            ["OS_PASSWORD"] = "pw",
            ["OS_TENANT_NAME"] = "proj",
            ["OS_USER_DOMAIN_ID"] = "default",
            ["OS_REGION_NAME"] = "R2",
            ["OS_INTERFACE"] = "internalURL",
            ["OS_CACERT"] = "/ca.pem",
            ["OS_INSECURE"] = "true",
        };

        var cloud = Resolver(env).Resolve();

        Assert.Equal("envvars", cloud.Name);
        Assert.Equal("environment", cloud.Source);
        Assert.Equal("alice", cloud.Auth.Username);
        Assert.Equal("proj", cloud.Auth.ProjectName);
        Assert.Equal("default", cloud.Auth.UserDomainId);
        Assert.Null(cloud.Auth.UserDomainName);
        Assert.Equal("Default", cloud.Auth.EffectiveProjectDomainName);
        Assert.Equal("R2", cloud.RegionName);
        Assert.Equal("internal", cloud.Interface);
        Assert.Equal("/ca.pem", cloud.Tls.CaCertFile);
        Assert.True(cloud.Tls.Insecure);
    }

    [Fact]
    public void Application_credential_from_the_environment_needs_no_user()
    {
        var env = new Dictionary<string, string?>
        {
            ["OS_AUTH_URL"] = "http://k:5000",
            ["OS_AUTH_TYPE"] = "v3applicationcredential",
            ["OS_APPLICATION_CREDENTIAL_ID"] = "id",
            ["OS_APPLICATION_CREDENTIAL_SECRET"] = "secret",
        };

        var cloud = Resolver(env).Resolve();

        Assert.Equal(CloudAuthType.ApplicationCredential, cloud.Auth.Type);
    }

    [Fact]
    public void Missing_password_in_the_environment_names_the_variable_source()
    {
        var env = new Dictionary<string, string?> { ["OS_AUTH_URL"] = "http://k:5000/v3", ["OS_USERNAME"] = "a", ["OS_PROJECT_NAME"] = "p" };

        var ex = Assert.Throws<CloudConfigException>(() => Resolver(env).Resolve());

        Assert.Contains("envvars", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing password", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_name_wins_over_OS_CLOUD_which_wins_over_OS_variables()
    {
        var env = new Dictionary<string, string?> { ["OS_CLOUD"] = "appcred", ["OS_AUTH_URL"] = "http://other:5000/v3" };
        var resolver = Resolver(env);

        Assert.Equal("devcloud", resolver.Resolve("devcloud").Name);
        Assert.Equal("appcred", resolver.Resolve().Name);
        Assert.Equal(new Uri("http://127.0.0.1:5000/v3"), resolver.Resolve("devcloud").Auth.AuthUrl);
    }

    [Fact]
    public void Nothing_selected_lists_the_clouds_that_exist()
    {
        var ex = Assert.Throws<CloudConfigException>(() => Resolver().Resolve());

        Assert.Contains("No cloud selected", ex.Message, StringComparison.Ordinal);
        Assert.Contains("devcloud", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_search_path_puts_OS_CLIENT_CONFIG_FILE_first_then_cwd_home_etc()
    {
        var env = new Dictionary<string, string?> { ["OS_CLIENT_CONFIG_FILE"] = "/custom/c.yaml" };

        var paths = CloudConfigResolver.DefaultSearchPath(env, "/work", "/home/u");

        Assert.Equal(
            [
                "/custom/c.yaml", "/work/clouds.yaml", "/work/clouds.yml", "/home/u/.config/openstack/clouds.yaml",
                "/home/u/.config/openstack/clouds.yml", "/etc/openstack/clouds.yaml", "/etc/openstack/clouds.yml",
            ],
            paths);
    }

    [Fact]
    public void Malformed_yaml_is_a_config_error_naming_the_file()
    {
        var file = _dir.Write("bad.yaml", "clouds: [unclosed");
        var resolver = new CloudConfigResolver(new Dictionary<string, string?>(), [file]);

        var ex = Assert.Throws<CloudConfigException>(() => resolver.Resolve("x"));

        Assert.Contains("bad.yaml", ex.Message, StringComparison.Ordinal);
    }
}

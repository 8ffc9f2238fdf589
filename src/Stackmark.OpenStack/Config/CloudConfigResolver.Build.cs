namespace Stackmark.OpenStack;

public sealed partial class CloudConfigResolver
{
    // clouds.yaml auth keys ← OS_* variables (openstacksdk's envvars cloud).
    private static readonly (string Key, string[] Variables)[] AuthVariables =
    [
        ("auth_url", ["OS_AUTH_URL"]),
        ("username", ["OS_USERNAME"]),
        ("user_id", ["OS_USER_ID"]),
        ("password", ["OS_PASSWORD"]),
        ("project_name", ["OS_PROJECT_NAME", "OS_TENANT_NAME"]),
        ("project_id", ["OS_PROJECT_ID", "OS_TENANT_ID"]),
        ("user_domain_name", ["OS_USER_DOMAIN_NAME"]),
        ("user_domain_id", ["OS_USER_DOMAIN_ID"]),
        ("project_domain_name", ["OS_PROJECT_DOMAIN_NAME"]),
        ("project_domain_id", ["OS_PROJECT_DOMAIN_ID"]),
        ("application_credential_id", ["OS_APPLICATION_CREDENTIAL_ID"]),
        ("application_credential_name", ["OS_APPLICATION_CREDENTIAL_NAME"]),
        ("application_credential_secret", ["OS_APPLICATION_CREDENTIAL_SECRET"]),
    ];

    private static readonly (string Key, string[] Variables)[] TopVariables =
    [
        ("auth_type", ["OS_AUTH_TYPE"]),
        ("region_name", ["OS_REGION_NAME"]),
        ("interface", ["OS_INTERFACE", "OS_ENDPOINT_TYPE"]),
        ("identity_api_version", ["OS_IDENTITY_API_VERSION"]),
        ("cacert", ["OS_CACERT"]),
        ("cert", ["OS_CERT"]),
        ("key", ["OS_KEY"]),
        ("insecure", ["OS_INSECURE"]),
    ];

    private CloudConfig FromEnvironment()
    {
        var auth = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, variables) in AuthVariables)
        {
            auth[key] = variables.Select(Env).FirstOrDefault(v => v is not null);
        }

        var cloud = new Dictionary<string, object?>(StringComparer.Ordinal) { ["auth"] = auth };
        foreach (var (key, variables) in TopVariables)
        {
            cloud[key] = variables.Select(Env).FirstOrDefault(v => v is not null);
        }

        return Build("envvars", cloud, "environment", "OS_AUTH_URL");
    }

    private static CloudConfig FromYamlCloud(string name, Dictionary<string, object?> cloud, string source) =>
        Build(name, cloud, source, $"clouds.{name}.auth.auth_url");

    private static CloudConfig Build(string name, Dictionary<string, object?> cloud, string source, string authUrlName)
    {
        var auth = cloud.Map("auth") ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        string Where(string what) => $"cloud '{name}' ({source}): {what}";

        if (cloud.ContainsKey("profile") && auth.Str("auth_url") is null)
        {
            throw new CloudConfigException(Where("vendor profiles are not supported; set auth.auth_url explicitly."));
        }

        var authUrlText = auth.Str("auth_url")
            ?? throw new CloudConfigException(Where($"missing {authUrlName} (the Keystone URL, e.g. https://keystone.example.com:5000/v3)."));
        if (!Uri.TryCreate(authUrlText, UriKind.Absolute, out var authUrl) || (authUrl.Scheme != Uri.UriSchemeHttp && authUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new CloudConfigException(Where($"auth_url '{authUrlText}' is not an absolute http(s) URL."));
        }

        var identityVersion = cloud.Str("identity_api_version") ?? "3";
        if (identityVersion is not ("3" or "3.0" or "v3"))
        {
            throw new CloudConfigException(Where($"identity_api_version '{identityVersion}' is not supported; only Keystone v3 is."));
        }

        var type = ParseAuthType(cloud.Str("auth_type"), auth, Where);
        var domainName = auth.Str("domain_name");
        var domainId = auth.Str("domain_id");
        var result = new CloudAuth
        {
            Type = type,
            AuthUrl = authUrl,
            Username = auth.Str("username"),
            UserId = auth.Str("user_id"),
            Password = auth.Str("password"),
            ProjectName = auth.Str("project_name") ?? auth.Str("tenant_name"),
            ProjectId = auth.Str("project_id") ?? auth.Str("tenant_id"),
            UserDomainName = auth.Str("user_domain_name") ?? (auth.Str("user_domain_id") is null ? domainName : null),
            UserDomainId = auth.Str("user_domain_id") ?? (auth.Str("user_domain_name") is null ? domainId : null),
            ProjectDomainName = auth.Str("project_domain_name") ?? (auth.Str("project_domain_id") is null ? domainName : null),
            ProjectDomainId = auth.Str("project_domain_id") ?? (auth.Str("project_domain_name") is null ? domainId : null),
            ApplicationCredentialId = auth.Str("application_credential_id"),
            ApplicationCredentialName = auth.Str("application_credential_name"),
            ApplicationCredentialSecret = auth.Str("application_credential_secret"),
        };
        Validate(result, Where);

        return new CloudConfig
        {
            Name = name,
            Auth = result,
            RegionName = cloud.Str("region_name") ?? FirstRegion(cloud),
            Interface = NormaliseInterface(cloud.Str("interface") ?? cloud.Str("endpoint_type"), Where),
            IdentityApiVersion = "3",
            Tls = ParseTls(cloud, Where),
            Source = source,
        };
    }

    private static CloudAuthType ParseAuthType(string? authType, Dictionary<string, object?> auth, Func<string, string> where) =>
        authType switch
        {
            null => auth.Str("application_credential_secret") is not null ? CloudAuthType.ApplicationCredential : CloudAuthType.Password,
            "password" or "v3password" => CloudAuthType.Password,
            "v3applicationcredential" or "applicationcredential" or "application_credential" => CloudAuthType.ApplicationCredential,
            _ => throw new CloudConfigException(where($"auth_type '{authType}' is not supported (use password, v3password or v3applicationcredential).")),
        };

    private static void Validate(CloudAuth auth, Func<string, string> where)
    {
        if (auth.Type == CloudAuthType.Password)
        {
            if (auth.Username is null && auth.UserId is null)
            {
                throw new CloudConfigException(where("missing username (or user_id) for password authentication."));
            }

            if (auth.Password is null)
            {
                throw new CloudConfigException(where("missing password for password authentication (also checked secure.yaml)."));
            }

            if (auth.ProjectName is null && auth.ProjectId is null)
            {
                throw new CloudConfigException(where("missing project_name (or project_id): a project-scoped token is needed for the service catalog."));
            }
        }
        else
        {
            if (auth.ApplicationCredentialSecret is null)
            {
                throw new CloudConfigException(where("missing application_credential_secret."));
            }

            if (auth.ApplicationCredentialId is null && (auth.ApplicationCredentialName is null || (auth.Username is null && auth.UserId is null)))
            {
                throw new CloudConfigException(where("missing application_credential_id (or application_credential_name with username/user_id)."));
            }
        }
    }

    private static string? FirstRegion(Dictionary<string, object?> cloud) =>
        cloud.TryGetValue("regions", out var regions) && regions is List<object?> list && list.Count > 0
            ? list[0] switch
            {
                string s => s,
                Dictionary<string, object?> map => map.Str("name"),
                _ => null,
            }
            : null;

    private static string NormaliseInterface(string? value, Func<string, string> where)
    {
        var normalised = value?.Trim().ToLowerInvariant().Replace("url", string.Empty, StringComparison.Ordinal);
        return normalised switch
        {
            null or "" => "public",
            "public" or "internal" or "admin" => normalised,
            _ => throw new CloudConfigException(where($"interface '{value}' is not one of public, internal, admin.")),
        };
    }

    private static TlsOptions ParseTls(Dictionary<string, object?> cloud, Func<string, string> where)
    {
        var verify = YamlTree.ParseBool(cloud.Str("verify"));
        var insecure = YamlTree.ParseBool(cloud.Str("insecure"));
        if (cloud.Str("verify") is { } v && verify is null)
        {
            // openstacksdk allows verify: /path/to/ca.pem
            return new TlsOptions { CaCertFile = v, ClientCertFile = cloud.Str("cert"), ClientKeyFile = cloud.Str("key") };
        }

        if (cloud.Str("insecure") is { } i && insecure is null)
        {
            throw new CloudConfigException(where($"insecure '{i}' is not a boolean."));
        }

        return new TlsOptions
        {
            CaCertFile = cloud.Str("cacert"),
            Insecure = verify == false || insecure == true,
            ClientCertFile = cloud.Str("cert"),
            ClientKeyFile = cloud.Str("key"),
        };
    }
}

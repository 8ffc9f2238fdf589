using System.Globalization;
using System.Text.Json.Nodes;

namespace Stackmark.OpenStack;

/// <summary>Keystone v3 client: version discovery, token issue, service list.</summary>
/// <remarks>
/// Errors: <see cref="OpenStackApiException"/> when Keystone answers with an error (401 for bad credentials),
/// <see cref="OpenStackTransportException"/> when it cannot be reached; <see cref="ArgumentException"/> for caller bugs.
/// Token creation does not need an authenticated <see cref="HttpClient"/>; <see cref="ListServicesAsync"/> does.
/// </remarks>
public sealed class IdentityClient
{
    private readonly HttpClient _http;
    private Uri? _v3Url;

    /// <summary>Creates the client.</summary>
    /// <param name="http">The HTTP client (with or without <see cref="KeystoneAuthHandler"/>).</param>
    /// <param name="authUrl">The Keystone URL as configured: versioned (<c>…/v3</c>) or not.</param>
    public IdentityClient(HttpClient http, Uri authUrl)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(authUrl);
        _http = http;
        AuthUrl = authUrl;
    }

    /// <summary>The configured Keystone URL.</summary>
    public Uri AuthUrl { get; }

    /// <summary>
    /// Lists the identity API versions: GET on the unversioned root (answers 300 Multiple Choices).
    /// https://docs.openstack.org/api-ref/identity/v3/#versions
    /// </summary>
    public async Task<IReadOnlyList<ApiVersion>> GetVersionsAsync(CancellationToken ct = default)
    {
        using var doc = await OpenStackHttp.GetJsonAsync(_http, EndpointUrls.VersionRoot(AuthUrl), ct, allowMultipleChoices: true)
            .ConfigureAwait(false);
        return VersionDocument.Parse(doc.RootElement);
    }

    /// <summary>The v3 base URL: the configured URL if it ends in <c>/v3</c>, else discovered from the root document.</summary>
    public async Task<Uri> GetV3UrlAsync(CancellationToken ct = default)
    {
        if (_v3Url is not null)
        {
            return _v3Url;
        }

        Uri result;
        if (EndpointUrls.EndsWithVersion(AuthUrl, out var version) && version.StartsWith("v3", StringComparison.OrdinalIgnoreCase))
        {
            result = new Uri(AuthUrl.AbsoluteUri.TrimEnd('/'));
        }
        else
        {
            var root = EndpointUrls.VersionRoot(AuthUrl);
            var v3 = version.Length == 0
                ? (await GetVersionsAsync(ct).ConfigureAwait(false)).FirstOrDefault(v => v.Major == 3)
                : null;
            result = v3?.SelfUrl is { } self ? new Uri(self.AbsoluteUri.TrimEnd('/')) : EndpointUrls.Append(root, "v3");
        }

        return _v3Url = result;
    }

    /// <summary>
    /// Issues a project-scoped token (password or application credential): POST /v3/auth/tokens.
    /// https://docs.openstack.org/api-ref/identity/v3/#password-authentication-with-scoped-authorization
    /// </summary>
    public async Task<KeystoneToken> CreateTokenAsync(CloudAuth auth, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(auth);
        var tokenUrl = EndpointUrls.Append(await GetV3UrlAsync(ct).ConfigureAwait(false), "auth/tokens");
        using var response = await OpenStackHttp.PostJsonAsync(_http, tokenUrl, BuildAuthBody(auth), ct).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl);
        var value = response.Headers.TryGetValues("X-Subject-Token", out var values) ? values.FirstOrDefault() : null;
        if (string.IsNullOrEmpty(value))
        {
            throw new OpenStackApiException(response.StatusCode, OpenStackHttp.RequestId(response), null,
                $"POST {tokenUrl} returned {(int)response.StatusCode} without an X-Subject-Token header.")
            { Method = HttpMethod.Post, RequestUri = tokenUrl };
        }

        using var doc = await OpenStackHttp.ReadJsonAsync(response, request, ct).ConfigureAwait(false);
        var token = doc.RootElement.Prop("token");
        var project = token.Prop("project");
        return new KeystoneToken
        {
            Value = value,
            ExpiresAt = DateTimeOffset.TryParse(token.Str("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires)
                ? expires
                : DateTimeOffset.MaxValue,
            UserId = token.Prop("user").Str("id") ?? string.Empty,
            UserName = token.Prop("user").Str("name"),
            ProjectId = project.Str("id"),
            ProjectName = project.Str("name"),
            ProjectDomainName = project.Prop("domain").Str("name"),
            Roles = [.. token.Prop("roles").Items().Select(r => r.Str("name")).OfType<string>()],
            Catalog = ServiceCatalog.FromV3Json(token.Prop("catalog")),
            TokenUrl = tokenUrl,
        };
    }

    /// <summary>
    /// Lists registered services: GET /v3/services (needs an authenticated client; usually admin-only, 403 otherwise).
    /// https://docs.openstack.org/api-ref/identity/v3/#list-services
    /// </summary>
    public async Task<IReadOnlyList<IdentityServiceEntry>> ListServicesAsync(CancellationToken ct = default)
    {
        var url = EndpointUrls.Append(await GetV3UrlAsync(ct).ConfigureAwait(false), "services");
        using var doc = await OpenStackHttp.GetJsonAsync(_http, url, ct).ConfigureAwait(false);
        return [.. doc.RootElement.Prop("services").Items().Select(s => new IdentityServiceEntry(
            s.Str("id") ?? string.Empty, s.Str("type") ?? string.Empty, s.Str("name") ?? string.Empty, s.Bool("enabled") ?? true))];
    }

    internal static JsonObject BuildAuthBody(CloudAuth auth)
    {
        JsonObject identity;
        JsonObject? scope = null;
        if (auth.Type == CloudAuthType.ApplicationCredential)
        {
            var credential = new JsonObject { ["secret"] = auth.ApplicationCredentialSecret };
            if (auth.ApplicationCredentialId is not null)
            {
                credential["id"] = auth.ApplicationCredentialId;
            }
            else
            {
                credential["name"] = auth.ApplicationCredentialName;
                credential["user"] = User(auth, includePassword: false);
            }

            identity = new JsonObject
            {
                ["methods"] = new JsonArray("application_credential"),
                ["application_credential"] = credential,
            };
        }
        else
        {
            identity = new JsonObject
            {
                ["methods"] = new JsonArray("password"),
                ["password"] = new JsonObject { ["user"] = User(auth, includePassword: true) },
            };
            scope = new JsonObject
            {
                ["project"] = auth.ProjectId is not null
                    ? new JsonObject { ["id"] = auth.ProjectId }
                    : new JsonObject
                    {
                        ["name"] = auth.ProjectName,
                        ["domain"] = Domain(auth.ProjectDomainId, auth.EffectiveProjectDomainName),
                    },
            };
        }

        var body = new JsonObject { ["identity"] = identity };
        if (scope is not null)
        {
            body["scope"] = scope;
        }

        return new JsonObject { ["auth"] = body };

        static JsonObject User(CloudAuth auth, bool includePassword)
        {
            var user = auth.UserId is not null
                ? new JsonObject { ["id"] = auth.UserId }
                : new JsonObject { ["name"] = auth.Username, ["domain"] = Domain(auth.UserDomainId, auth.EffectiveUserDomainName) };
            if (includePassword)
            {
                user["password"] = auth.Password;
            }

            return user;
        }

        static JsonObject Domain(string? id, string name) =>
            id is not null ? new JsonObject { ["id"] = id } : new JsonObject { ["name"] = name };
    }
}

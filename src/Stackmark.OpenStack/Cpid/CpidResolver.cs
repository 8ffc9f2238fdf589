using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stackmark.OpenStack;

/// <summary>Derives the cloud provider id (cpid) exactly as refstack-client does.</summary>
/// <remarks>
/// <para>Order (refstack-client <c>_get_cpid_from_keystone</c>): POST the token request; a 201 (v3) yields the id of the
/// first <c>identity</c> catalog entry with a non-empty id; a 200/203 (v2) yields the id of <c>endpoints[0]</c> of the
/// identity entry; anything else (error status, transport failure, missing key) falls back to
/// <c>md5(hostname of the token URL)</c> in lowercase hex — port and path ignored.</para>
/// <para>Never throws for Keystone failures: they become the fallback with <see cref="CpidResult.FallbackReason"/> set.
/// A non-http(s) URL is a caller bug: <see cref="ArgumentException"/>.</para>
/// </remarks>
public static class CpidResolver
{
    /// <summary>Asks Keystone for the cpid, falling back to the host-name hash.</summary>
    public static async Task<CpidResult> ResolveAsync(HttpClient http, CpidRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        var tokenUrl = request.TokenUrl;
        var fallback = HostnameMd5(tokenUrl);
        string reason;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, tokenUrl) { Content = JsonContent(BuildBody(request)) };
            using var response = await http.SendAsync(message, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.NonAuthoritativeInformation)
            {
                using var doc = JsonDocument.Parse(body);
                var found = response.StatusCode == HttpStatusCode.Created ? FromV3TokenBody(doc.RootElement) : FromV2AccessBody(doc.RootElement);
                if (found is not null)
                {
                    return found;
                }

                reason = $"the Keystone {request.AuthVersion} catalog has no identity service id";
            }
            else
            {
                reason = $"Keystone answered {(int)response.StatusCode}: {OpenStackHttp.ParseFault(body) ?? response.ReasonPhrase}";
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            reason = $"Keystone request to {tokenUrl} failed: {ex.Message}";
        }

        return new CpidResult(fallback, CpidMethod.HostnameMd5, reason);
    }

    /// <summary>The identity service id from a v3 token body (<c>{"token": {"catalog": [...]}}</c>), or null.</summary>
    public static CpidResult? FromV3TokenBody(JsonElement body)
    {
        var id = body.Prop("token").Prop("catalog").Items()
            .Where(s => s.Str("type") == "identity")
            .Select(s => s.Str("id"))
            .FirstOrDefault(id => !string.IsNullOrEmpty(id));
        return id is null ? null : new CpidResult(id, CpidMethod.IdentityServiceId);
    }

    /// <summary>The first identity endpoint id from a v2 access body (<c>{"access": {"serviceCatalog": [...]}}</c>), or null.</summary>
    public static CpidResult? FromV2AccessBody(JsonElement body)
    {
        foreach (var service in body.Prop("access").Prop("serviceCatalog").Items())
        {
            if (service.Str("type") == "identity" && service.Prop("endpoints").Items().FirstOrDefault().Str("id") is { Length: > 0 } id)
            {
                return new CpidResult(id, CpidMethod.IdentityEndpointId);
            }
        }

        return null;
    }

    /// <summary>
    /// <c>md5(urlparse(url).hostname)</c> as lowercase hex: host name lowercased, without port, user info or IPv6 brackets.
    /// </summary>
    /// <exception cref="ArgumentException">The URL is not http(s) or has no host.</exception>
    public static string HostnameMd5(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return HostnameMd5(url.OriginalString);
    }

    /// <inheritdoc cref="HostnameMd5(Uri)"/>
    public static string HostnameMd5(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = PythonHostname(url);
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(host)));
    }

    /// <summary>What Python's <c>urllib.parse.urlparse(url).hostname</c> returns, for http(s) URLs.</summary>
    internal static string PythonHostname(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd < 0 ? string.Empty : url[..schemeEnd].ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            throw new ArgumentException(
                $"Invalid Keystone endpoint format: '{url}' must include the URL scheme (http or https).", nameof(url));
        }

        var rest = url[(schemeEnd + 3)..];
        var end = rest.IndexOfAny(['/', '?', '#']);
        var netloc = end < 0 ? rest : rest[..end];
        var at = netloc.LastIndexOf('@');
        var hostPort = at < 0 ? netloc : netloc[(at + 1)..];
        string host;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            host = close < 0 ? hostPort[1..] : hostPort[1..close];
        }
        else
        {
            var colon = hostPort.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? hostPort : hostPort[..colon];
        }

        return host.Length == 0
            ? throw new ArgumentException($"Keystone endpoint '{url}' has no host name.", nameof(url))
            : host.ToLowerInvariant();
    }

    internal static JsonObject BuildBody(CpidRequest request)
    {
        if (request.AuthVersion == "v2")
        {
            var auth = new JsonObject
            {
                ["passwordCredentials"] = new JsonObject { ["username"] = request.Username, ["password"] = request.Password },
            };
            if (!string.IsNullOrEmpty(request.ProjectId))
            {
                auth["tenantId"] = request.ProjectId;
            }
            else
            {
                auth["tenantName"] = request.ProjectName;
            }

            return new JsonObject { ["auth"] = auth };
        }

        return new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject
                    {
                        ["user"] = new JsonObject
                        {
                            ["name"] = request.Username,
                            ["domain"] = new JsonObject { ["name"] = request.DomainName },
                            ["password"] = request.Password,
                        },
                    },
                },
                ["scope"] = new JsonObject
                {
                    ["project"] = new JsonObject
                    {
                        ["name"] = request.ProjectName,
                        ["domain"] = new JsonObject { ["name"] = request.DomainName },
                    },
                },
            },
        };
    }

    private static StringContent JsonContent(JsonObject body) =>
        new(body.ToJsonString(), Encoding.UTF8, "application/json");
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Stackmark.OpenStack;

/// <summary>Sends requests and maps failures to the three error tiers (style rule 12).</summary>
internal static partial class OpenStackHttp
{
    private static readonly string[] RequestIdHeaders = ["x-openstack-request-id", "x-compute-request-id", "x-trans-id", "x-request-id"];

    /// <summary>GETs a JSON document; 300 Multiple Choices is accepted when <paramref name="allowMultipleChoices"/>.</summary>
    public static async Task<JsonDocument> GetJsonAsync(HttpClient http, Uri uri, CancellationToken ct, bool allowMultipleChoices = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(http, request, ct,
            s => (int)s is >= 200 and < 300 || (allowMultipleChoices && s == HttpStatusCode.MultipleChoices)).ConfigureAwait(false);
        return await ReadJsonAsync(response, request, ct).ConfigureAwait(false);
    }

    /// <summary>POSTs a JSON body and returns the response (caller disposes).</summary>
    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient http, Uri uri, JsonNode body, CancellationToken ct)
    {
        // A buffered body with Content-Length: JsonContent streams chunked, and Keystone under uwsgi then sees no body.
        var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return SendAsync(http, request, ct, s => (int)s is >= 200 and < 300);
    }

    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, HttpRequestMessage request, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new OpenStackApiException(response.StatusCode, RequestId(response), null,
                $"{request.Method} {request.RequestUri} returned {(int)response.StatusCode} with a body that is not JSON: {ex.Message}")
            {
                Method = request.Method,
                RequestUri = request.RequestUri,
            };
        }
    }

    /// <summary>Sends; transport failures become <see cref="OpenStackTransportException"/>, unaccepted statuses <see cref="OpenStackApiException"/>.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpRequestMessage request, CancellationToken ct, Func<HttpStatusCode, bool> accept)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw Transport(request, ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new OpenStackTransportException(
                $"{request.Method} {request.RequestUri} timed out after {http.Timeout.TotalSeconds:0}s.", isTransient: true, ex)
            {
                Method = request.Method,
                RequestUri = request.RequestUri,
            };
        }

        if (accept(response.StatusCode))
        {
            return response;
        }

        using (response)
        {
            throw await ToApiExceptionAsync(request, response, ct).ConfigureAwait(false);
        }
    }

    public static OpenStackTransportException Transport(HttpRequestMessage request, HttpRequestException ex)
    {
        var transient = ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => false,
            HttpRequestError.SecureConnectionError => false,
            HttpRequestError.ConfigurationLimitExceeded => false,
            _ => true,
        };
        var reason = ex.InnerException is { } inner && inner.Message != ex.Message ? $"{ex.Message} ({inner.Message})" : ex.Message;
        return new OpenStackTransportException($"{request.Method} {request.RequestUri} failed: {reason}", transient, ex)
        {
            Method = request.Method,
            RequestUri = request.RequestUri,
        };
    }

    public static async Task<OpenStackApiException> ToApiExceptionAsync(
        HttpRequestMessage request, HttpResponseMessage response, CancellationToken ct)
    {
        var body = response.Content is null ? string.Empty : await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        var fault = ParseFault(body);
        var requestId = RequestId(response);
        var message = $"{request.Method} {request.RequestUri} returned {(int)response.StatusCode} {response.ReasonPhrase}"
            + (fault is null ? string.Empty : $": {fault}")
            + (requestId is null ? string.Empty : $" (request id {requestId})");
        return new OpenStackApiException(response.StatusCode, requestId, fault, message)
        {
            Method = request.Method,
            RequestUri = request.RequestUri,
        };
    }

    public static string? RequestId(HttpResponseMessage response)
    {
        foreach (var name in RequestIdHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                return values.FirstOrDefault();
            }
        }

        return null;
    }

    /// <summary>Extracts the message of an OpenStack fault body (JSON or text); null if the body is empty.</summary>
    public static string? ParseFault(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (FaultFromJson(doc.RootElement) is { } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Swift, Glance and proxies answer with text or HTML.
        }

        var text = WhitespaceRun().Replace(TagRun().Replace(body, " "), " ").Trim();
        return text.Length > 300 ? text[..300] + "…" : text;
    }

    private static string? FaultFromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (Message(root) is { } top)
        {
            return top;
        }

        // {"error": {...}} (Keystone), {"itemNotFound": {...}} (Nova, Cinder), {"NeutronError": {...}} (Neutron)
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object && Message(property.Value) is { } nested)
            {
                return nested;
            }
        }

        return null;

        static string? Message(JsonElement e)
        {
            var message = e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            message ??= e.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (message is not null && e.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                && detail.GetString() is { Length: > 0 } detailText)
            {
                message += " " + detailText;
            }

            return message;
        }
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagRun();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();
}

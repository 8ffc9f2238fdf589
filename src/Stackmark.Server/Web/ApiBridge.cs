using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Stackmark.Server.Web;

/// <summary>
/// Calls the registry's own API endpoints in-process, as the signed-in browser user, so every page shows exactly what
/// the API would answer that user: one place decides who may read or change what (the API handlers), and the UI only
/// renders. The call reuses the request's services (same scope, same database context) and its principal.
/// </summary>
internal sealed class ApiBridge(EndpointDataSource endpoints)
{
    private readonly ConcurrentDictionary<(string Method, string Pattern), RouteEndpoint> _cache = new();

    /// <summary>Invokes the endpoint <paramref name="method"/> <paramref name="pattern"/> (e.g. <c>/v1/results/{id}</c>).</summary>
    /// <param name="http">The browser's request: its user, services, scheme and host are used.</param>
    /// <param name="method">GET, POST, PUT or DELETE.</param>
    /// <param name="pattern">The route pattern as the API maps it, without a trailing slash.</param>
    /// <param name="route">Route values, by parameter name.</param>
    /// <param name="query">Query parameters; null or empty values are left out.</param>
    /// <param name="json">A JSON body, serialized as is (use snake_case names).</param>
    /// <param name="text">A plain-text body (when <paramref name="json"/> is null), e.g. a worksheet.</param>
    public async Task<ApiReply> CallAsync(
        HttpContext http, string method, string pattern, IReadOnlyDictionary<string, string>? route = null,
        IEnumerable<KeyValuePair<string, string?>>? query = null, object? json = null, string? text = null)
    {
        var endpoint = Find(method, pattern);
        var context = new DefaultHttpContext { RequestServices = http.RequestServices, User = http.User };
        var request = context.Request;
        request.Method = method;
        request.Scheme = http.Request.Scheme;
        request.Host = http.Request.Host;
        request.PathBase = http.Request.PathBase;
        var path = pattern;
        foreach (var (name, value) in route ?? new Dictionary<string, string>())
        {
            request.RouteValues[name] = value;
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        request.Path = path;
        if (query is not null)
        {
            request.QueryString = QueryString.Create(query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
        }

        if (json is not null)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(json);
            request.ContentType = "application/json";
            request.ContentLength = bytes.Length;
            request.Body = new MemoryStream(bytes);
        }
        else if (text is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            request.ContentType = "text/plain; charset=utf-8";
            request.ContentLength = bytes.Length;
            request.Body = new MemoryStream(bytes);
        }

        context.RequestAborted = http.RequestAborted;
        context.SetEndpoint(endpoint);
        using var body = new MemoryStream();
        context.Response.Body = body;
        await endpoint.RequestDelegate!(context);
        return new ApiReply(context.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()));
    }

    public Task<ApiReply> GetAsync(HttpContext http, string pattern, IReadOnlyDictionary<string, string>? route = null, IEnumerable<KeyValuePair<string, string?>>? query = null) =>
        CallAsync(http, HttpMethods.Get, pattern, route, query);

    private RouteEndpoint Find(string method, string pattern) => _cache.GetOrAdd((method, pattern), key =>
        endpoints.Endpoints.OfType<RouteEndpoint>().FirstOrDefault(e =>
            Normalize(e.RoutePattern) == key.Pattern
            && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(key.Method, StringComparer.OrdinalIgnoreCase) == true)
        ?? throw new InvalidOperationException($"No API endpoint {key.Method} {key.Pattern}"));

    private static string Normalize(RoutePattern pattern)
    {
        var text = pattern.RawText ?? "";
        text = "/" + text.Trim('/');
        while (text.Contains("//", StringComparison.Ordinal))
        {
            text = text.Replace("//", "/", StringComparison.Ordinal);
        }

        return text;
    }
}

/// <summary>An API answer: the status and the body text (JSON, or plain text for test lists).</summary>
internal sealed record ApiReply(int Status, string Body)
{
    public bool Ok => Status is >= 200 and < 300;

    /// <summary>The JSON body (a clone, safe to keep), or an undefined element when the body is not JSON.</summary>
    public JsonElement Json
    {
        get
        {
            try
            {
                using var doc = JsonDocument.Parse(Body);
                return doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                return default;
            }
        }
    }

    /// <summary>The error's title and detail (<c>{code,title,detail}</c>), for showing on a page.</summary>
    public string ErrorText
    {
        get
        {
            var j = Json;
            if (j.ValueKind != JsonValueKind.Object)
            {
                return $"HTTP {Status}";
            }

            var title = j.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = j.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            return detail is null ? title ?? $"HTTP {Status}" : $"{title}: {detail}";
        }
    }
}

using System.Net;
using System.Text;

namespace Stackmark.OpenStack.Tests.Support;

/// <summary>A hand-written fake transport: answers by "METHOD url" and records what was sent.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly Dictionary<string, Func<HttpRequestMessage, HttpResponseMessage>> _routes = new(StringComparer.Ordinal);

    public List<(HttpRequestMessage Request, string? Body)> Sent { get; } = [];

    public StubHandler On(string method, string url, Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        _routes[$"{method} {url}"] = respond;
        return this;
    }

    public StubHandler OnJson(string method, string url, HttpStatusCode status, string json, params (string Name, string Value)[] headers) =>
        On(method, url, _ => Json(status, json, headers));

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Sent.Add((request, body));
        var key = $"{request.Method} {request.RequestUri!.AbsoluteUri}";
        return _routes.TryGetValue(key, out var respond)
            ? respond(request)
            : new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent($"no stub for {key}") };
    }
}

using System.Text;
using System.Text.Json;

namespace Stackmark.Cli.Commands;

/// <summary>
/// One GET from a Stackmark registry for commands that read its data (community data, approved flags), with the exit
/// codes every such command uses: 3 when the registry is unreachable or answers 5xx, 2 when it answers 4xx (the
/// request was wrong). Failures are said on standard error, with the registry's own error text.
/// </summary>
internal static class RegistryGet
{
    /// <summary>The body of a 2xx answer, or null and the exit code.</summary>
    public static async Task<(byte[]? Body, int Code)> FetchAsync(Uri url, CliContext cx, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        try
        {
            using var response = await http.GetAsync(url, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            var status = (int)response.StatusCode;
            if (status is >= 200 and <= 299)
            {
                return (body, ExitCodes.Ok);
            }

            cx.Error.WriteLine($"stackmark: error: {url} answered {status}: {ErrorText(Encoding.UTF8.GetString(body))}");
            return (null, status is >= 400 and < 500 ? ExitCodes.UsageError : ExitCodes.RunnerError);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            cx.Error.WriteLine($"stackmark: error: {url.GetLeftPart(UriPartial.Authority)} is unreachable: {e.Message}");
            return (null, ExitCodes.RunnerError);
        }
    }

    // The registry's {code,title,detail}, or the start of whatever came back.
    private static string ErrorText(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            return string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrEmpty(s)));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return body.Length > 200 ? body[..200] + "…" : body;
        }
    }
}

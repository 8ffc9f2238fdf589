using System.Text;
using System.Text.Json;

namespace Stackmark.RefStack;

/// <summary>A registry's refusal as one line for a person: its <c>title</c> and <c>detail</c>, or the start of its body.</summary>
internal static class RegistryErrorText
{
    private const int MaxChars = 500;

    // RefStack's error bodies: aborts give {"code","title","detail"}, exceptions {"title","code"}; Stackmark's the first.
    public static string Of(HttpResponseMessage response, string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                var title = StringMember(doc.RootElement, "title");
                var detail = StringMember(doc.RootElement, "detail");
                var message = (title, detail) switch
                {
                    ({ } t, { } d) when !d.Equals(t, StringComparison.Ordinal) => $"{t}: {d}",
                    ({ } t, _) => t,
                    (_, { } d) => d,
                    _ => null,
                };
                if (message is not null)
                {
                    return Truncate(message);
                }
            }
        }
        catch (JsonException)
        {
        }

        return string.IsNullOrWhiteSpace(text)
            ? $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd()
            : Truncate(text);
    }

    public static string Truncate(string text)
    {
        text = text.Trim();
        return text.Length <= MaxChars ? text : new StringBuilder(text, 0, MaxChars, MaxChars + 1).Append('…').ToString();
    }

    private static string? StringMember(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;
}

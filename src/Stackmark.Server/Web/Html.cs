using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace Stackmark.Server.Web;

/// <summary>
/// Markup that is already safe to send: literal template text, or text that went through <see cref="HtmlHandler"/>.
/// The only way to build HTML in the UI is <c>Html.Of($"…{value}…")</c>: every interpolated value that is not itself
/// <see cref="Html"/> is HTML-encoded, so text from the database or an upload can never become markup.
/// </summary>
internal readonly record struct Html(string Value)
{
    public static Html Empty { get; } = new("");

    /// <summary>Builds markup from a template: literal parts are kept, every hole is encoded (unless it is <see cref="Html"/>).</summary>
    public static Html Of(HtmlHandler handler) => new(handler.ToStringAndClear());

    /// <summary>Plain text, encoded.</summary>
    public static Html Text(string? text) => new(HtmlEncoder.Default.Encode(text ?? ""));

    /// <summary>The markups one after the other.</summary>
    public static Html Join(IEnumerable<Html> parts)
    {
        var sb = new StringBuilder();
        foreach (var p in parts)
        {
            sb.Append(p.Value);
        }

        return new Html(sb.ToString());
    }

    /// <summary>Markup when <paramref name="condition"/> holds, else nothing.</summary>
    public static Html If(bool condition, Html html) => condition ? html : Empty;

    public override string ToString() => Value;
}

/// <summary>The interpolated-string handler behind <see cref="Html.Of"/>: literals verbatim, holes HTML-encoded.</summary>
[InterpolatedStringHandler]
internal ref struct HtmlHandler
{
    private readonly StringBuilder _sb;

    public HtmlHandler(int literalLength, int formattedCount) => _sb = new StringBuilder(literalLength + (formattedCount * 16));

    public readonly void AppendLiteral(string literal) => _sb.Append(literal);

    public readonly void AppendFormatted(Html html) => _sb.Append(html.Value);

    /// <summary>A hole: a sequence of <see cref="Html"/> is kept as markup, anything else is encoded text.</summary>
    public readonly void AppendFormatted<T>(T value)
    {
        switch (value)
        {
            case Html h:
                _sb.Append(h.Value);
                break;
            case IEnumerable<Html> parts:
                foreach (var p in parts)
                {
                    _sb.Append(p.Value);
                }

                break;
            case IFormattable f:
                _sb.Append(HtmlEncoder.Default.Encode(f.ToString(null, System.Globalization.CultureInfo.InvariantCulture)));
                break;
            default:
                _sb.Append(HtmlEncoder.Default.Encode(value?.ToString() ?? ""));
                break;
        }
    }

    public readonly void AppendFormatted<T>(T value, string? format)
        where T : IFormattable =>
        _sb.Append(HtmlEncoder.Default.Encode(value.ToString(format, System.Globalization.CultureInfo.InvariantCulture)));

    public readonly string ToStringAndClear()
    {
        var s = _sb.ToString();
        _sb.Clear();
        return s;
    }
}

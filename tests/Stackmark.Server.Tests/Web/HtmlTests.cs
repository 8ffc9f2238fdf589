using Stackmark.Server.Web;

namespace Stackmark.Server.Tests.Web;

/// <summary>The UI's only way to build markup encodes every hole.</summary>
public class HtmlTests
{
    [Fact]
    public void Holes_are_encoded_and_literals_kept()
    {
        var name = "<script>alert(\"x\")</script>";
        var html = Html.Of($"<td title=\"{name}\">{name}</td>");
        Assert.Equal("<td title=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>", html.Value);
    }

    [Fact]
    public void Nested_markup_and_lists_of_markup_stay_markup_but_their_text_is_encoded()
    {
        var items = new List<Html> { Html.Of($"<li>{"a&b"}</li>"), Html.Of($"<li>{"'"}</li>") };
        Assert.Equal("<ul><li>a&amp;b</li><li>&#x27;</li></ul>", Html.Of($"<ul>{items}</ul>").Value);
        Assert.Equal("<p>1.5 &lt;b&gt;</p>", Html.Of($"<p>{1.5} {Html.Text("<b>")}</p>").Value);
    }

    [Theory]
    [InlineData("/profile", "/profile")]
    [InlineData("/results?cpid=a", "/results?cpid=a")]
    [InlineData("//evil.example/x", "/results")]
    [InlineData("/\\evil.example", "/results")]
    [InlineData("https://evil.example/", "/results")]
    [InlineData("", "/results")]
    [InlineData(null, "/results")]
    public void Return_urls_stay_on_this_site(string? url, string expected) => Assert.Equal(expected, Ui.LocalUrl(url));
}

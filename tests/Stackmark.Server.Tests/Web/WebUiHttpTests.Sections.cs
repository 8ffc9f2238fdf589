using System.Text.RegularExpressions;

namespace Stackmark.Server.Tests.Web;

public sealed partial class WebUiHttpTests
{
    [SkippableFact]
    public async Task The_guideline_page_shows_the_targets_designated_sections_per_component_and_status_escaped()
    {
        registry.RequireServer();
        var html = await registry.Http.GetStringAsync("/guidelines/2020.06?target=object");
        var table = Regex.Match(html, """<h2 id="designated-sections">.*?</table>""", RegexOptions.Singleline).Value;
        var rows = Regex.Matches(table, "<tr>.*?</tr>", RegexOptions.Singleline).Select(m => m.Value).Where(r => r.Contains("<td>", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("<td><code>os_powered_storage</code></td>", rows[1], StringComparison.Ordinal);
        Assert.Contains("<td>required</td>", rows[1], StringComparison.Ordinal);
        Assert.Contains("<td>swift</td>", rows[1], StringComparison.Ordinal);
        Assert.Contains("<li><code>proxy server</code>", rows[1], StringComparison.Ordinal);

        // Text from the file is encoded: keystone's auth section quotes its path.
        Assert.Contains("&#x27;/v3/auth&#x27; APIs used for v3 authentication", rows[0], StringComparison.Ordinal);
        Assert.DoesNotContain("'/v3/auth'", table, StringComparison.Ordinal);

        var compute = await registry.Http.GetStringAsync("/guidelines/2017.09?target=compute");
        Assert.Matches("""<td><code>compute</code></td>\s*<td>deprecated</td>\s*<td>keystone</td>""", compute);
    }
}

using System.Net;
using Stackmark.Tests.Support;

namespace Stackmark.Guidelines.Tests;

/// <summary>Guideline sources: a directory, and HTTP (a raw tree and a registry API) served on 127.0.0.1.</summary>
public sealed class GuidelineSourceTests
{
    [Fact]
    public async Task A_directory_lists_core_files_and_add_ons()
    {
        var src = GuidelineSources.Open(InteropData.Directory);
        var ids = await src.ListAsync(CancellationToken.None);
        Assert.Equal(26, ids.Count);
        Assert.Contains(GuidelineId.Parse("dns.2020.06"), ids);
        var g = (await src.LoadAsync(GuidelineId.Parse("orchestration.2020.06"), CancellationToken.None)).GetValueOrThrow();
        Assert.Equal(GuidelineKind.AddOn, g.Kind);
        Assert.Null(await src.ReadAsync(GuidelineId.Parse("2031.01"), CancellationToken.None));
    }

    [Fact]
    public void A_missing_directory_is_a_clear_error()
    {
        var e = Assert.Throws<GuidelineSourceException>(() => GuidelineSources.Open("/no/such/guidelines"));
        Assert.Contains("/no/such/guidelines", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_raw_tree_over_http_reads_core_and_add_on_files_and_404_means_absent()
    {
        using var server = new StaticServer(path => path switch
        {
            "/interop/2020.06.json" => File.ReadAllBytes(Path.Combine(InteropData.Directory, "2020.06.json")),
            "/interop/add-ons/dns.2020.06.json" => File.ReadAllBytes(Path.Combine(InteropData.Directory, "add-ons", "dns.2020.06.json")),
            _ => null,
        });
        var src = GuidelineSources.Open(server.Prefix + "interop");
        var core = (await src.LoadAsync(GuidelineId.Parse("2020.06"), CancellationToken.None)).GetValueOrThrow();
        Assert.Equal(284, core.Tests(new TestListQuery("platform", [CapabilityStatus.Required])).Count);
        Assert.NotNull(await src.ReadAsync(GuidelineId.Parse("dns.2020.06"), CancellationToken.None));
        Assert.Null(await src.ReadAsync(GuidelineId.Parse("2019.11"), CancellationToken.None));
        Assert.Equal(["2020.06", "dns.2020.06"], (await src.ListAsync(CancellationToken.None)).Select(i => i.ToString()));
    }

    [Fact]
    public async Task A_registry_api_lists_its_guidelines()
    {
        using var server = new StaticServer(path => path switch
        {
            "/v1/guidelines/" => """{"powered": [{"name": "2020.06.json", "file": "2020.06.json"}], "dns": [{"name": "2020.06.json", "file": "dns.2020.06.json"}]}"""u8.ToArray(),
            "/v1/guidelines/dns.2020.06.json" => File.ReadAllBytes(Path.Combine(InteropData.Directory, "add-ons", "dns.2020.06.json")),
            _ => null,
        });
        var src = GuidelineSources.Open(server.Prefix + "v1/guidelines");
        Assert.Equal(["2020.06", "dns.2020.06"], (await src.ListAsync(CancellationToken.None)).Select(i => i.ToString()));
        Assert.NotNull(await src.ReadAsync(GuidelineId.Parse("dns.2020.06"), CancellationToken.None));
    }

    [Fact]
    public async Task An_unreachable_url_is_a_source_error_naming_it()
    {
        var src = GuidelineSources.Open("http://127.0.0.1:1/interop/");
        var e = await Assert.ThrowsAsync<GuidelineSourceException>(() => src.ReadAsync(GuidelineId.Parse("2020.06"), CancellationToken.None));
        Assert.Contains("127.0.0.1:1", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A real HTTP server on 127.0.0.1 serving fixed bytes by path (404 otherwise).</summary>
    private sealed class StaticServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Func<string, byte[]?> _content;

        public StaticServer(Func<string, byte[]?> content)
        {
            _content = content;
            var port = Random.Shared.Next(20000, 60000);
            Prefix = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Prefix);
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Prefix { get; }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                var body = _content(context.Request.Url!.AbsolutePath);
                context.Response.StatusCode = body is null ? 404 : 200;
                if (body is not null)
                {
                    await context.Response.OutputStream.WriteAsync(body);
                }

                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}

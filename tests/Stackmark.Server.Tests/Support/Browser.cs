using Microsoft.Playwright;

namespace Stackmark.Server.Tests.Support;

/// <summary>
/// Debian's chromium (<c>/usr/bin/chromium</c>), headless, driven by Microsoft.Playwright; one browser per test class,
/// a fresh context (cookies) per test. Nothing is downloaded: the browser is the system one. Missing chromium skips the
/// tests, or fails them when CI=true (<c>apt-get install -y chromium</c>).
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Why there is no browser; null when it runs.</summary>
    public string? Problem { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Problem = $"{ChromiumPath} not found (apt-get install -y chromium)";
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>Call first in every browser test: skips (or fails under CI=true) when chromium is missing.</summary>
    public void Require()
    {
        if (Problem is not null)
        {
            Tool.SkipOrFail(Problem);
        }
    }

    /// <summary>A fresh browser context (no cookies) with a page on <paramref name="baseUrl"/>.</summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // The whole suite shares two cores with a browser, PBKDF2 and two databases: Playwright's 30 s default is
        // too tight under that load (a sign-in redirect once took longer in a full CI run).
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return await context.NewPageAsync();
    }
}

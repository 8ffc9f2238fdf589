using Microsoft.Playwright;

namespace Stackmark.Server.Tests.Support;

/// <summary>
/// Screenshots of one browser test, kept as test artifacts: <c>artifacts/screenshots/TEST/NN-STEP.png</c> under the
/// repository root (git-ignored), numbered in the order the test visits pages. The test's folder is emptied first, so
/// what is there always comes from its last run.
/// </summary>
public sealed class Screenshots
{
    /// <summary>Where every browser test's folder goes.</summary>
    public static readonly string Root = Path.Combine(Repository.Root, "artifacts", "screenshots");

    private readonly string _directory;
    private readonly List<string> _taken = [];

    public Screenshots(string test)
    {
        _directory = Path.Combine(Root, test);
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        Directory.CreateDirectory(_directory);
    }

    /// <summary>The files saved so far, in order.</summary>
    public IReadOnlyList<string> Taken => _taken;

    /// <summary>Saves the whole page as <c>NN-STEP.png</c> and returns the file's path.</summary>
    public async Task<string> TakeAsync(IPage page, string step)
    {
        var path = Path.Combine(_directory, $"{_taken.Count + 1:00}-{step}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        _taken.Add(path);
        return path;
    }
}

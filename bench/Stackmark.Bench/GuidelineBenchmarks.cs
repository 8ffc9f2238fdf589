using BenchmarkDotNet.Attributes;

namespace Stackmark.Bench;

/// <summary>Load every official guideline file (from bytes) and compute every target's full test list.</summary>
[MemoryDiagnoser]
public class GuidelineBenchmarks
{
    private (string Name, byte[] Bytes)[] _files = [];

    public static string Directory { get; set; } = Environment.GetEnvironmentVariable("STACKMARK_INTEROP_DIR") ?? "";

    public int FileCount => _files.Length;

    [GlobalSetup]
    public void Setup()
    {
        _files = [.. System.IO.Directory.EnumerateFiles(Directory, "*.json", SearchOption.AllDirectories)
            .Where(f => GuidelineId.TryParse(Path.GetFileName(f), out _))
            .Select(f => (f, File.ReadAllBytes(f)))];
    }

    [Benchmark]
    public int LoadAllAndListEveryTarget()
    {
        var lines = 0;
        foreach (var (name, bytes) in _files)
        {
            var g = GuidelineLoader.Load(bytes, name).GetValueOrThrow();
            foreach (var target in g.Targets)
            {
                lines += g.TestListLines(new TestListQuery(target.Key)).Count;
            }
        }

        return lines;
    }
}

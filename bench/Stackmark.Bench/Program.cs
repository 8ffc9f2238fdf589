using System.Diagnostics;
using BenchmarkDotNet.Running;
using Stackmark.Bench;

// `dotnet run -c Release -- DIR` prints a quick timed figure; `-- DIR --bdn` runs BenchmarkDotNet.
var dir = args.FirstOrDefault(a => !a.StartsWith('-')) ?? Path.Combine("..", "shared", "interop");
GuidelineBenchmarks.Directory = Path.GetFullPath(dir);
if (args.Contains("--bdn"))
{
    Environment.SetEnvironmentVariable("STACKMARK_INTEROP_DIR", GuidelineBenchmarks.Directory);
    BenchmarkRunner.Run<GuidelineBenchmarks>();
    return 0;
}

var bench = new GuidelineBenchmarks();
bench.Setup();
var cold = Stopwatch.StartNew();
var lines = bench.LoadAllAndListEveryTarget();
cold.Stop();
var times = new List<double>();
for (var i = 0; i < 20; i++)
{
    var sw = Stopwatch.StartNew();
    bench.LoadAllAndListEveryTarget();
    times.Add(sw.Elapsed.TotalMilliseconds);
}

times.Sort();
Console.WriteLine($"{bench.FileCount} files, {lines} test-list lines over every target: first run {cold.Elapsed.TotalMilliseconds:F1} ms, warm median {times[times.Count / 2]:F1} ms (min {times[0]:F1}, max {times[^1]:F1})");
return 0;

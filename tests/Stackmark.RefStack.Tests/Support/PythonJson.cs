using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Sdk;

namespace Stackmark.RefStack.Tests.Support;

/// <summary>
/// One long-lived <c>/usr/bin/python3</c> that answers <c>json.dumps</c> of a results document per line, so
/// property tests can ask thousands of times cheaply. Strings travel as hex UTF-16 (surrogatepass), not JSON, so the
/// oracle never depends on our own encoder.
/// </summary>
public sealed class PythonJson : IDisposable
{
    private const string Script = """
        import sys, json
        def s(h): return bytes.fromhex(h[1:]).decode('utf-16-be', 'surrogatepass')
        for line in sys.stdin:
            f = line.split()
            results = []
            for i in range(int(f[2])):
                r = {"name": s(f[3 + 2 * i])}
                if f[4 + 2 * i] != '-':
                    r["uuid"] = f[4 + 2 * i]
                results.append(r)
            sys.stdout.write(json.dumps({"cpid": s(f[0]), "duration_seconds": int(f[1]), "results": results}) + "\n")
            sys.stdout.flush()
        """;

    private readonly Lock _lock = new();
    private Process? _process;

    /// <summary>Python's <c>json.dumps</c> of the document, as bytes (it is ASCII).</summary>
    public byte[] Dumps(RefStackResults results)
    {
        var line = new StringBuilder();
        line.Append(Hex(results.Cpid)).Append(' ').Append(results.DurationSeconds.ToString(CultureInfo.InvariantCulture))
            .Append(' ').Append(results.Passed.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var test in results.Passed)
        {
            line.Append(' ').Append(Hex(test.Name.Value)).Append(' ').Append(test.Id?.ToString() ?? "-");
        }

        lock (_lock)
        {
            var process = Start();
            process.StandardInput.WriteLine(line.ToString());
            process.StandardInput.Flush();
            var answer = process.StandardOutput.ReadLine()
                ?? throw new XunitException("python3 exited: " + process.StandardError.ReadToEnd());
            return Encoding.ASCII.GetBytes(answer);
        }
    }

    public void Dispose()
    {
        if (_process is { } p)
        {
            p.StandardInput.Close();
            if (!p.WaitForExit(5_000))
            {
                p.Kill();
            }

            p.Dispose();
        }
    }

    // By code unit, not through an Encoding, so lone surrogates survive.
    private static string Hex(string value)
    {
        var hex = new StringBuilder("x", 1 + (value.Length * 4));
        foreach (var c in value)
        {
            hex.Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }

    private Process Start()
    {
        if (_process is not null)
        {
            return _process;
        }

        var info = new ProcessStartInfo(Tool.Require(Tool.Python))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        _process = Process.Start(info)!;
        return _process;
    }
}

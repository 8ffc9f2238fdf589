using System.Collections.Concurrent;

namespace Stackmark.RefStack.Tests.Support;

/// <summary>
/// Key files made by the real ssh-keygen, once per test run and on first use (so a missing tool skips only the tests
/// that need it).
/// </summary>
public sealed class SshKeys : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ConcurrentDictionary<string, Lazy<string>> _keys = new();

    /// <summary>RSA 2048, PKCS#1 PEM (BEGIN RSA PRIVATE KEY).</summary>
    public string RsaPem => Make("rsa-pem", "-t", "rsa", "-b", "2048", "-m", "PEM");

    /// <summary>RSA 2048, PKCS#8 PEM (BEGIN PRIVATE KEY).</summary>
    public string RsaPkcs8 => Make("rsa-pkcs8", "-t", "rsa", "-b", "2048", "-m", "PKCS8");

    /// <summary>RSA 3072, OpenSSH format (ssh-keygen's default).</summary>
    public string RsaOpenSsh => Make("rsa-openssh", "-t", "rsa", "-b", "3072");

    /// <summary>Makes a key with the given ssh-keygen options (no passphrase unless one is given with -N).</summary>
    public string Make(string name, params string[] options) => _keys.GetOrAdd(name, n => new Lazy<string>(() =>
    {
        var path = _dir.File(n);
        var args = new List<string> { "-q", "-C", $"stackmark-test-{n}", "-f", path };
        if (!options.Contains("-N"))
        {
            args.AddRange(["-N", string.Empty]);
        }

        args.AddRange(options);
        Tool.Ok("ssh-keygen", [.. args]);
        return path;
    })).Value;

    /// <summary>A copy of <paramref name="key"/> converted by ssh-keygen (-p rewrites the file in the -m format).</summary>
    public string Converted(string key, string name, string format) => _keys.GetOrAdd(name, n => new Lazy<string>(() =>
    {
        var path = _dir.File(n);
        System.IO.File.Copy(key, path);
        Tool.Ok("ssh-keygen", "-q", "-p", "-N", string.Empty, "-P", string.Empty, "-m", format, "-f", path);
        return path;
    })).Value;

    public string Write(string name, string content) => _dir.Write(name, content);

    public string Write(string name, byte[] content) => _dir.Write(name, content);

    public string File(string name) => _dir.File(name);

    public void Dispose() => _dir.Dispose();
}

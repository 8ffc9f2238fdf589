using System.Security.Cryptography;
using Stackmark.RefStack;

namespace Stackmark.Server.Tests.Support;

/// <summary>RSA keys made by the real ssh-keygen (PEM, as refstack-client needs) and loaded with <see cref="PrivateKeyFile"/>.</summary>
internal static class SshKeys
{
    private static readonly string Dir = Directory.CreateTempSubdirectory("stackmark-server-keys-").FullName;
    private static readonly Lazy<RSA> Rsa2048 = new(() => Make("rsa2048", 2048));
    private static readonly Lazy<RSA> Rsa1024 = new(() => Make("rsa1024", 1024));

    /// <summary>A 2048-bit key shared by the tests of one run.</summary>
    public static RSA Key2048 => Rsa2048.Value;

    /// <summary>A 1024-bit key: too small for Stackmark.</summary>
    public static RSA Key1024 => Rsa1024.Value;

    public static RSA Make(string name, int bits) => MakeWithPublicLine(name, bits).Key;

    /// <summary>A new key and the public line ssh-keygen wrote beside it (<c>KEY.pub</c>: <c>ssh-rsa AAAA… NAME</c>), as a user would paste it.</summary>
    public static (RSA Key, string PublicLine) MakeWithPublicLine(string name, int bits)
    {
        var keygen = Tool.Find("ssh-keygen");
        if (keygen is null)
        {
            Tool.SkipOrFail("ssh-keygen is not installed (Debian: apt-get install -y openssh-client)");
        }

        var path = Path.Combine(Dir, name + "-" + Guid.NewGuid().ToString("N"));
        var (code, output) = Tool.Run(keygen!, "-q", "-t", "rsa", "-b", bits.ToString(System.Globalization.CultureInfo.InvariantCulture), "-m", "PEM", "-N", "", "-C", name, "-f", path);
        Assert.True(code == 0, output);
        if (bits >= SshPublicKey.MinimumRsaBits)
        {
            var loaded = PrivateKeyFile.Load(path);
            Assert.True(loaded.Success, loaded.Error);
            return (loaded.Value!, File.ReadAllText(path + ".pub").Trim());
        }

        // PrivateKeyFile refuses small keys, rightly; the test needs one anyway.
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        return (rsa, File.ReadAllText(path + ".pub").Trim());
    }
}

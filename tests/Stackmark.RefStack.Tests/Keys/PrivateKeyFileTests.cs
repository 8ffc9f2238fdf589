using System.Security.Cryptography;
using Stackmark.RefStack.Tests.Support;

namespace Stackmark.RefStack.Tests.Keys;

[Collection(SshKeysCollection.Name)]
public sealed class PrivateKeyFileTests(SshKeys keys)
{
    public static TheoryData<string> RsaFormats => ["pem", "pkcs8", "openssh"];

    [SkippableTheory]
    [MemberData(nameof(RsaFormats))]
    public void Loaded_key_has_the_public_part_ssh_keygen_derives(string format)
    {
        var file = RsaKey(format);

        var loaded = PrivateKeyFile.Load(file);

        Assert.True(loaded.Success, loaded.Error);
        using var rsa = loaded.Value!;
        var expected = Tool.Ok("ssh-keygen", "-y", "-f", file).Trim();
        Assert.Equal(string.Join(' ', expected.Split(' ').Take(2)), SshPublicKey.FromRsa(rsa).ToHeaderValue());
        Assert.Equal(SshPublicKey.Parse(expected).Value, SshPublicKey.FromRsa(rsa));
    }

    [SkippableTheory]
    [MemberData(nameof(RsaFormats))]
    public void Loaded_key_signs_and_its_public_line_verifies(string format)
    {
        using var rsa = PrivateKeyFile.Load(RsaKey(format)).Value!;
        var body = "{\"cpid\": \"x\"}"u8.ToArray();

        var verified = ResultSigner.Verify(body, ResultSigner.Sign(body, rsa), SshPublicKey.FromRsa(rsa).ToString());

        Assert.True(verified.Success, verified.Error);
    }

    [SkippableFact]
    public void OpenSsh_key_has_the_same_private_values_as_its_pem_conversion()
    {
        // DP and DQ are not stored in openssh-key-v1; ours are computed, ssh-keygen's PEM export has OpenSSL's.
        var pem = keys.Converted(keys.RsaOpenSsh, "rsa-openssh-as-pem", "PEM");

        using var fromOpenSsh = PrivateKeyFile.Load(keys.RsaOpenSsh).Value!;
        using var fromPem = PrivateKeyFile.Load(pem).Value!;

        var a = fromOpenSsh.ExportParameters(includePrivateParameters: true);
        var b = fromPem.ExportParameters(includePrivateParameters: true);
        Assert.Equal(3072, fromOpenSsh.KeySize);
        Assert.Equal(b.Modulus, a.Modulus);
        Assert.Equal(b.Exponent, a.Exponent);
        Assert.Equal(b.D, a.D);
        Assert.Equal(b.P, a.P);
        Assert.Equal(b.Q, a.Q);
        Assert.Equal(b.DP, a.DP);
        Assert.Equal(b.DQ, a.DQ);
        Assert.Equal(b.InverseQ, a.InverseQ);
    }

    [SkippableFact]
    public void Ed25519_key_is_refused_naming_its_type()
    {
        var file = keys.Make("ed25519", "-t", "ed25519");

        var loaded = PrivateKeyFile.Load(file);

        Assert.False(loaded.Success);
        Assert.Contains(file, loaded.Error);
        Assert.Contains("ed25519", loaded.Error);
        Assert.Contains("RefStack v1 only accepts RSA", loaded.Error);
    }

    [SkippableFact]
    public void Passphrase_protected_ed25519_key_is_refused_for_its_type_not_its_passphrase()
    {
        var loaded = PrivateKeyFile.Load(keys.Make("ed25519-pass", "-t", "ed25519", "-N", "secret1"));

        Assert.Contains("ed25519", loaded.Error);
        Assert.DoesNotContain("passphrase", loaded.Error);
    }

    [SkippableTheory]
    [InlineData("ecdsa-openssh", "-t", "ecdsa")]
    [InlineData("ecdsa-pem", "-t", "ecdsa", "-m", "PEM")]
    [InlineData("ecdsa-pkcs8", "-t", "ecdsa", "-m", "PKCS8")]
    public void Ecdsa_key_is_refused_naming_its_type(string name, params string[] options)
    {
        var loaded = PrivateKeyFile.Load(keys.Make(name, options));

        Assert.False(loaded.Success);
        Assert.Contains("ECDSA", loaded.Error);
        Assert.Contains("RefStack v1 only accepts RSA", loaded.Error);
    }

    [SkippableFact]
    public void Pkcs8_ed25519_key_from_openssl_is_refused_naming_its_type()
    {
        var file = keys.File("ed25519-openssl.pem");
        Tool.Ok("openssl", "genpkey", "-algorithm", "ed25519", "-out", file);

        var loaded = PrivateKeyFile.Load(file);

        Assert.Contains("ed25519", loaded.Error);
        Assert.Contains("RefStack v1 only accepts RSA", loaded.Error);
    }

    [SkippableTheory]
    [InlineData("rsa1024-openssh")]
    [InlineData("rsa1024-pem", "-m", "PEM")]
    [InlineData("rsa1024-pkcs8", "-m", "PKCS8")]
    public void Rsa_key_under_2048_bits_is_refused(string name, params string[] options)
    {
        var file = keys.Make(name, ["-t", "rsa", "-b", "1024", .. options]);

        var loaded = PrivateKeyFile.Load(file);

        Assert.False(loaded.Success);
        Assert.Contains(file, loaded.Error);
        Assert.Contains("1024 bits", loaded.Error);
        Assert.Contains("2048", loaded.Error);
    }

    [SkippableTheory]
    [InlineData("rsa-pass-openssh")]
    [InlineData("rsa-pass-pem", "-m", "PEM")]
    [InlineData("rsa-pass-pkcs8", "-m", "PKCS8")]
    public void Passphrase_protected_key_is_refused_with_how_to_decrypt_it(string name, params string[] options)
    {
        var file = keys.Make(name, ["-t", "rsa", "-b", "2048", "-N", "secret1", .. options]);

        var loaded = PrivateKeyFile.Load(file);

        Assert.False(loaded.Success);
        Assert.Contains(file, loaded.Error);
        Assert.Contains("passphrase-protected keys are not supported yet", loaded.Error);
        Assert.Contains("ssh-keygen -p -N ''", loaded.Error);
    }

    [Fact]
    public void Garbage_file_is_refused_naming_the_file()
    {
        var file = keys.Write("garbage.txt", "this is not a key\n\u0001\u0002");

        var loaded = PrivateKeyFile.Load(file);

        Assert.False(loaded.Success);
        Assert.StartsWith(file + ": not a private key file", loaded.Error);
    }

    [Fact]
    public void Binary_file_is_refused_naming_the_file()
    {
        var file = keys.Write("random.bin", RandomNumberGenerator.GetBytes(4096));

        Assert.StartsWith(file + ":", PrivateKeyFile.Load(file).Error);
    }

    [Fact]
    public void Missing_file_is_refused_naming_the_file()
    {
        var file = keys.File("does-not-exist");

        Assert.Equal(file + ": no such key file", PrivateKeyFile.Load(file).Error);
    }

    [SkippableFact]
    public void Public_key_file_is_refused_with_a_hint()
    {
        var loaded = PrivateKeyFile.Load(keys.RsaPem + ".pub");

        Assert.Contains("this is a public key; pass the private key file", loaded.Error);
    }

    [Fact]
    public void Damaged_openssh_key_is_refused_as_corrupt()
    {
        var text = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + Convert.ToBase64String("openssh-key-v1\0\0\0\0\u0004none"u8) + "\n-----END OPENSSH PRIVATE KEY-----\n";

        var loaded = PrivateKeyFile.Parse(text, "damaged");

        Assert.StartsWith("damaged: corrupt OpenSSH private key: truncated", loaded.Error);
    }

    [SkippableFact]
    public void Openssh_key_with_a_flipped_private_byte_is_refused()
    {
        var text = File.ReadAllText(keys.RsaOpenSsh);
        var start = text.IndexOf('\n', StringComparison.Ordinal) + 1;
        var end = text.IndexOf("-----END", StringComparison.Ordinal);
        var data = Convert.FromBase64String(text[start..end]);
        data[^40] ^= 0x01; // inside q, near the end of the private section

        var loaded = PrivateKeyFile.Parse($"-----BEGIN OPENSSH PRIVATE KEY-----\n{Convert.ToBase64String(data)}\n-----END OPENSSH PRIVATE KEY-----\n", "flipped");

        Assert.False(loaded.Success);
        Assert.StartsWith("flipped: corrupt", loaded.Error);
    }

    private string RsaKey(string format) => format switch
    {
        "pem" => keys.RsaPem,
        "pkcs8" => keys.RsaPkcs8,
        _ => keys.RsaOpenSsh,
    };
}

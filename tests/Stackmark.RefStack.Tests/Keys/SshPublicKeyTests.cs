using System.Security.Cryptography;
using Stackmark.RefStack.Tests.Support;

namespace Stackmark.RefStack.Tests.Keys;

[Collection(SshKeysCollection.Name)]
public sealed class SshPublicKeyTests(SshKeys keys)
{
    [SkippableFact]
    public void Pub_file_line_parses_and_prints_back_unchanged()
    {
        var line = File.ReadAllText(keys.RsaPem + ".pub").Trim();

        var key = SshPublicKey.Parse(line);

        Assert.True(key.Success, key.Error);
        Assert.Equal(line, key.Value!.ToString());
        Assert.Equal("stackmark-test-rsa-pem", key.Value.Comment);
        Assert.Equal(2048, key.Value.KeySizeBits);
        Assert.Equal(string.Join(' ', line.Split(' ')[..2]), key.Value.ToHeaderValue());
    }

    [SkippableTheory]
    [InlineData("rsa-pem")]
    [InlineData("rsa-openssh")]
    public void Fingerprint_matches_ssh_keygen(string name)
    {
        var file = name == "rsa-pem" ? keys.RsaPem : keys.RsaOpenSsh;
        using var rsa = PrivateKeyFile.Load(file).Value!;

        // "3072 SHA256:abc… comment (RSA)"
        var listed = Tool.Ok("ssh-keygen", "-l", "-E", "sha256", "-f", file + ".pub").Split(' ');

        Assert.Equal(listed[1], SshPublicKey.FromRsa(rsa).Sha256Fingerprint);
        Assert.Equal(listed[0], SshPublicKey.FromRsa(rsa).KeySizeBits.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public void Lookup_key_is_refstacks_md5_of_the_blob()
    {
        var line = File.ReadAllText(keys.RsaPem + ".pub").Trim();

        // refstack/api/controllers/user.py: hashlib.md5(base64.b64decode(pubkey.encode('ascii'))).hexdigest()
        var expected = Tool.Ok(
            Tool.Python,
            "-c",
            "import base64, hashlib, sys; print(hashlib.md5(base64.b64decode(sys.argv[1].split()[1].encode('ascii'))).hexdigest())",
            line).Trim();

        Assert.Equal(expected, SshPublicKey.Parse(line).Value!.RefStackLookupKey);
    }

    [Fact]
    public void Blob_is_ssh_wire_with_mpint_padding()
    {
        // e = 65537 (no pad), n with its top bit set gets a leading 0x00 (RFC 4251 §5 mpint).
        var key = SshPublicKey.FromParameters([0x01, 0x00, 0x01], [0x00, 0x80, 0x01], null);

        Assert.Equal(
            [0, 0, 0, 7, .. "ssh-rsa"u8, 0, 0, 0, 3, 1, 0, 1, 0, 0, 0, 3, 0, 0x80, 1],
            key.Blob.ToArray());
    }

    [Fact]
    public void Key_from_dotnet_round_trips_through_its_line()
    {
        using var rsa = RSA.Create(2048);
        var key = SshPublicKey.FromRsa(rsa, "me@host");

        var parsed = SshPublicKey.Parse("  " + key + "  ").Value!;

        Assert.Equal(key, parsed);
        Assert.Equal("me@host", parsed.Comment);
        using var back = parsed.ToRsa();
        Assert.Equal(rsa.ExportParameters(false).Modulus, back.ExportParameters(false).Modulus);
    }

    [Fact]
    public void Comment_may_contain_spaces_and_does_not_affect_equality()
    {
        using var rsa = RSA.Create(2048);
        var key = SshPublicKey.FromRsa(rsa);

        var parsed = SshPublicKey.Parse(key.ToHeaderValue() + " Jane Doe <jane@example.org>").Value!;

        Assert.Equal("Jane Doe <jane@example.org>", parsed.Comment);
        Assert.Equal(key, parsed);
        Assert.Equal(key.GetHashCode(), parsed.GetHashCode());
        Assert.Null(parsed.WithComment(null).Comment);
    }

    [SkippableFact]
    public void Ed25519_line_is_refused_naming_its_type()
    {
        var line = File.ReadAllText(keys.Make("ed25519", "-t", "ed25519") + ".pub");

        var parsed = SshPublicKey.Parse(line);

        Assert.Equal("an ed25519 public key: RefStack v1 only accepts RSA keys (ssh-rsa)", parsed.Error);
    }

    [Theory]
    [InlineData("", "not an OpenSSH public key")]
    [InlineData("ssh-rsa", "not an OpenSSH public key")]
    [InlineData("ssh-rsa not*base64", "malformed public key: the key data is not base64")]
    [InlineData("ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB", "malformed public key: truncated")]
    [InlineData("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIH", "malformed public key")]
    [InlineData("ssh-dss AAAAB3NzaC1kc3M=", "a DSA public key")]
    public void Malformed_lines_are_refused(string line, string error)
    {
        var parsed = SshPublicKey.Parse(line);

        Assert.False(parsed.Success);
        Assert.StartsWith(error, parsed.Error);
    }

    [Fact]
    public void Blob_type_must_match_the_line_type()
    {
        var ed25519Blob = Convert.ToBase64String([0, 0, 0, 11, .. "ssh-ed25519"u8, 0, 0, 0, 32, .. new byte[32]]);

        var parsed = SshPublicKey.Parse("ssh-rsa " + ed25519Blob);

        Assert.Equal("malformed public key: the line says ssh-rsa but the key data holds 'ssh-ed25519'", parsed.Error);
    }
}

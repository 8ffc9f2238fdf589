using System.Security.Cryptography;
using System.Text;
using Stackmark.RefStack.Tests.Support;

namespace Stackmark.RefStack.Tests.Signing;

[Collection(SshKeysCollection.Name)]
public sealed class ResultSignerTests(SshKeys keys)
{
    private static readonly byte[] Body = RefStackJson.Serialize(Some.Results());

    [SkippableTheory]
    [InlineData("pem")]
    [InlineData("openssh")]
    public void Our_signature_is_lowercase_hex_and_verifies_with_openssl(string format)
    {
        var file = format == "pem" ? keys.RsaPem : keys.RsaOpenSsh;
        using var rsa = PrivateKeyFile.Load(file).Value!;

        var hex = ResultSigner.Sign(Body, rsa);

        Assert.Matches("^[0-9a-f]+$", hex);
        Assert.True(OpenSslVerifies(file + ".pub", Body, hex, format));
    }

    [SkippableFact]
    public void Openssl_signature_verifies_with_our_verify_in_either_hex_case()
    {
        var body = keys.Write("openssl-body.json", Body);
        var sig = keys.File("openssl-body.sig");
        Tool.Ok("openssl", "dgst", "-sha256", "-sign", keys.RsaPem, "-out", sig, body);
        var hex = Convert.ToHexStringLower(File.ReadAllBytes(sig));
        var line = File.ReadAllText(keys.RsaPem + ".pub");

        var lower = ResultSigner.Verify(Body, hex, line);
        var upper = ResultSigner.Verify(Body, hex.ToUpperInvariant(), line);

        Assert.True(lower.Success, lower.Error);
        Assert.True(upper.Success, upper.Error);
        Assert.Equal(SshPublicKey.Parse(line).Value, lower.Value);
    }

    [SkippableFact]
    public void Self_signature_is_over_the_nine_bytes_signature_and_verifies_with_openssl()
    {
        using var rsa = PrivateKeyFile.Load(keys.RsaPkcs8).Value!;

        var hex = ResultSigner.SelfSignature(rsa);

        Assert.Equal("signature"u8.ToArray(), ResultSigner.SelfSignedMessage.ToArray());
        Assert.True(ResultSigner.Verify("signature"u8, hex, SshPublicKey.FromRsa(rsa).ToString()).Success);
        Assert.True(OpenSslVerifies(keys.RsaPkcs8 + ".pub", "signature"u8.ToArray(), hex, "self"));
    }

    [Fact]
    public void Signature_over_another_body_is_refused()
    {
        using var rsa = RSA.Create(2048);
        var hex = ResultSigner.Sign(Body, rsa);
        var tampered = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(Body).Replace("4711", "4712", StringComparison.Ordinal));

        var verified = ResultSigner.Verify(tampered, hex, SshPublicKey.FromRsa(rsa).ToHeaderValue());

        Assert.Equal("signature verification failed: the body was not signed by this key", verified.Error);
    }

    [Fact]
    public void Signature_by_another_key_is_refused()
    {
        using var signer = RSA.Create(2048);
        using var other = RSA.Create(2048);

        var verified = ResultSigner.Verify(Body, ResultSigner.Sign(Body, signer), SshPublicKey.FromRsa(other).ToHeaderValue());

        Assert.False(verified.Success);
    }

    [Fact]
    public void Key_under_2048_bits_is_refused_even_with_a_valid_signature()
    {
        using var small = RSA.Create(1024);
        var hex = Convert.ToHexStringLower(small.SignData(Body, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        var verified = ResultSigner.Verify(Body, hex, SshPublicKey.FromRsa(small).ToHeaderValue());

        Assert.Equal("the key has 1024 bits; at least 2048 are required", verified.Error);
        Assert.Throws<ArgumentException>(() => ResultSigner.Sign(Body, small));
    }

    [Theory]
    [InlineData("not hex", "malformed signature: not hex")]
    [InlineData("abc", "malformed signature: not hex")]
    [InlineData("abcd", "malformed signature: 2 bytes for a 2048-bit key")]
    public void Malformed_signature_is_refused(string hex, string error)
    {
        using var rsa = RSA.Create(2048);

        Assert.Equal(error, ResultSigner.Verify(Body, hex, SshPublicKey.FromRsa(rsa).ToHeaderValue()).Error);
    }

    [Fact]
    public void Malformed_public_key_is_refused()
    {
        Assert.StartsWith("malformed public key", ResultSigner.Verify(Body, "00", "ssh-rsa !!!").Error);
    }

    private bool OpenSslVerifies(string pubFile, byte[] body, string hex, string tag)
    {
        // ssh-keygen -e -m PKCS8 turns the OpenSSH public key into a SubjectPublicKeyInfo PEM that openssl reads.
        var pem = keys.Write($"verify-{tag}.pub.pem", Tool.Ok("ssh-keygen", "-e", "-m", "PKCS8", "-f", pubFile));
        var bodyFile = keys.Write($"verify-{tag}.body", body);
        var sigFile = keys.Write($"verify-{tag}.sig", Convert.FromHexString(hex));
        var (code, stdout, _) = Tool.Run("openssl", "dgst", "-sha256", "-verify", pem, "-signature", sigFile, bodyFile);
        return code == 0 && stdout.Trim() == "Verified OK";
    }
}

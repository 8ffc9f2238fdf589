using System.Numerics;
using System.Security.Cryptography;

namespace Stackmark.RefStack;

/// <summary>
/// Parses OpenSSH's own private key format, <c>openssh-key-v1</c>
/// (https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.key), for unencrypted RSA keys.
/// </summary>
internal static class OpenSshPrivateKey
{
    private static ReadOnlySpan<byte> Magic => "openssh-key-v1\0"u8;

    public static Attempt<RSA> Parse(string text, string fileName)
    {
        if (!PemEncoding.TryFind(text, out var fields) || text[fields.Label] != "OPENSSH PRIVATE KEY")
        {
            return Corrupt(fileName, "the BEGIN/END OPENSSH PRIVATE KEY block is damaged");
        }

        byte[] data;
        try
        {
            data = Convert.FromBase64String(text[fields.Base64Data]);
        }
        catch (FormatException)
        {
            return Corrupt(fileName, "the key data is not valid base64");
        }

        try
        {
            return Parse(data, fileName);
        }
        catch (FormatException e)
        {
            return Corrupt(fileName, e.Message);
        }
    }

    private static Attempt<RSA> Parse(ReadOnlySpan<byte> data, string fileName)
    {
        if (!data.StartsWith(Magic))
        {
            return Corrupt(fileName, "missing the openssh-key-v1 magic");
        }

        var reader = new SshWireReader(data[Magic.Length..]);
        var cipher = reader.ReadText();
        var kdf = reader.ReadText();
        _ = reader.ReadString(); // kdf options
        var count = reader.ReadUInt32();
        if (count != 1)
        {
            return Corrupt(fileName, $"the file holds {count} keys; expected exactly one");
        }

        // The public key is stored in clear, so the type and size can be judged before the passphrase question:
        // decrypting an ed25519 or 1024-bit key would not help.
        var publicBlob = reader.ReadString();
        var publicReader = new SshWireReader(publicBlob);
        var keyType = publicReader.ReadText();
        if (keyType != SshPublicKey.RsaKeyType)
        {
            return PrivateKeyFile.NotRsa(fileName, KeyTypes.Describe(keyType));
        }

        var publicKey = SshPublicKey.FromBlob(publicBlob, null, out var error);
        if (publicKey is null)
        {
            return Corrupt(fileName, error!);
        }

        if (publicKey.KeySizeBits < SshPublicKey.MinimumRsaBits)
        {
            return PrivateKeyFile.TooSmall(fileName, publicKey.KeySizeBits);
        }

        if (cipher != "none" || kdf != "none")
        {
            return PrivateKeyFile.Encrypted(fileName);
        }

        var section = new SshWireReader(reader.ReadString());
        if (section.ReadUInt32() != section.ReadUInt32())
        {
            return Corrupt(fileName, "the check integers differ");
        }

        if (section.ReadText() != SshPublicKey.RsaKeyType)
        {
            return Corrupt(fileName, "the private part's key type differs from the public part's");
        }

        var n = section.ReadPositiveMpint();
        var e = section.ReadPositiveMpint();
        var d = section.ReadPositiveMpint();
        var iqmp = section.ReadPositiveMpint();
        var p = section.ReadPositiveMpint();
        var q = section.ReadPositiveMpint();
        _ = section.ReadString(); // comment
        var padding = section.Remaining;
        for (var i = 0; i < padding.Length; i++)
        {
            if (padding[i] != (byte)(i + 1))
            {
                return Corrupt(fileName, "bad padding after the private key");
            }
        }

        if (!SshPublicKey.FromParameters(e, n, null).Equals(publicKey))
        {
            return Corrupt(fileName, "the private part's modulus or exponent differs from the public part's");
        }

        // .NET wants D as long as the modulus and the CRT values half as long; OpenSSH stores neither DP nor DQ.
        var half = (n.Length + 1) / 2;
        if (d.Length > n.Length || p.Length > half || q.Length > half || iqmp.Length > half)
        {
            return Corrupt(fileName, "the RSA private values are larger than the modulus allows");
        }

        // OpenSSL imports inconsistent CRT values without complaint and then signs garbage; check them here.
        var bigP = Unsigned(p);
        var bigQ = Unsigned(q);
        var bigE = Unsigned(e);
        var bigD = Unsigned(d);
        if (bigP * bigQ != Unsigned(n)
            || (bigQ * Unsigned(iqmp)) % bigP != BigInteger.One
            || (bigE * bigD) % (bigP - 1) != BigInteger.One
            || (bigE * bigD) % (bigQ - 1) != BigInteger.One)
        {
            return Corrupt(fileName, "the RSA private values do not fit together");
        }

        var parameters = new RSAParameters
        {
            Modulus = n,
            Exponent = e,
            D = LeftPad(d, n.Length),
            P = LeftPad(p, half),
            Q = LeftPad(q, half),
            DP = LeftPad(Mod(bigD, bigP), half),
            DQ = LeftPad(Mod(bigD, bigQ), half),
            InverseQ = LeftPad(iqmp, half),
        };

        return PrivateKeyFile.Import(fileName, rsa => rsa.ImportParameters(parameters));
    }

    private static BigInteger Unsigned(byte[] bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    private static byte[] Mod(BigInteger d, BigInteger prime) =>
        BigInteger.Remainder(d, prime - 1).ToByteArray(isUnsigned: true, isBigEndian: true);

    private static byte[] LeftPad(byte[] value, int length)
    {
        if (value.Length == length)
        {
            return value;
        }

        var padded = new byte[length];
        value.CopyTo(padded.AsSpan(length - value.Length));
        return padded;
    }

    private static Attempt<RSA> Corrupt(string fileName, string why) =>
        Attempt<RSA>.Fail($"{fileName}: corrupt OpenSSH private key: {why}");
}

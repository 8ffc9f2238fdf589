using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Stackmark.RefStack;

/// <summary>
/// Loads an RSA private key for signing uploads from the files <c>ssh-keygen</c> writes: PKCS#1 PEM
/// (<c>BEGIN RSA PRIVATE KEY</c>, <c>-m PEM</c>), PKCS#8 PEM (<c>BEGIN PRIVATE KEY</c>, <c>-m PKCS8</c>) and OpenSSH
/// (<c>BEGIN OPENSSH PRIVATE KEY</c>, the default since OpenSSH 7.8).
/// </summary>
/// <remarks>
/// refstack-client reads PEM only and silently skips the upload for OpenSSH keys; Stackmark reads both. Every
/// expected problem is an error value naming the file: passphrase-protected keys (not supported yet), non-RSA keys
/// (RefStack v1 only accepts RSA), RSA keys under <see cref="SshPublicKey.MinimumRsaBits"/> bits, and files that are
/// not private keys at all. The returned <see cref="RSA"/> belongs to the caller, who disposes it. Thread-safe.
/// </remarks>
public static partial class PrivateKeyFile
{
    // A real key file is a few kilobytes; anything much larger is not one.
    private const int MaxFileBytes = 1 << 20;

    /// <summary>Reads and parses the key file at <paramref name="path"/>.</summary>
    /// <returns>The key, or an error naming the file and saying how to fix it.</returns>
    public static Attempt<RSA> Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Attempt<RSA>.Fail($"{path}: no such key file");
            }

            if (info.Length > MaxFileBytes)
            {
                return Attempt<RSA>.Fail($"{path}: {info.Length} bytes is too large to be a private key file");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Attempt<RSA>.Fail($"{path}: cannot read the key file: {e.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Parses the text of a key file.</summary>
    /// <param name="text">The file's contents.</param>
    /// <param name="fileName">The name used in error messages.</param>
    /// <returns>The key, or an error naming <paramref name="fileName"/>.</returns>
    public static Attempt<RSA> Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);

        if (text.Contains("-----BEGIN OPENSSH PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return OpenSshPrivateKey.Parse(text, fileName);
        }

        // RFC 1421 headers (ssh-keygen -m PEM with a passphrase): PemEncoding rejects them, so look first.
        if (EncryptedPemHeader().IsMatch(text))
        {
            return Encrypted(fileName);
        }

        if (!PemEncoding.TryFind(text, out var fields))
        {
            var first = text.TrimStart();
            return first.StartsWith("ssh-", StringComparison.Ordinal) || first.StartsWith("ecdsa-", StringComparison.Ordinal)
                ? Attempt<RSA>.Fail($"{fileName}: this is a public key; pass the private key file (the one without .pub)")
                : Attempt<RSA>.Fail($"{fileName}: not a private key file: expected PEM (BEGIN RSA PRIVATE KEY, BEGIN PRIVATE KEY) or OpenSSH (BEGIN OPENSSH PRIVATE KEY)");
        }

        var label = text[fields.Label];
        byte[] der;
        try
        {
            der = Convert.FromBase64String(text[fields.Base64Data]);
        }
        catch (FormatException)
        {
            return Attempt<RSA>.Fail($"{fileName}: the {label} block is not valid base64");
        }

        return label switch
        {
            "RSA PRIVATE KEY" => Import(fileName, rsa => rsa.ImportRSAPrivateKey(der, out _)),
            "PRIVATE KEY" => Pkcs8(fileName, der),
            "ENCRYPTED PRIVATE KEY" => Encrypted(fileName),
            "EC PRIVATE KEY" => NotRsa(fileName, "an ECDSA"),
            "DSA PRIVATE KEY" => NotRsa(fileName, "a DSA"),
            "PUBLIC KEY" or "RSA PUBLIC KEY" or "CERTIFICATE" =>
                Attempt<RSA>.Fail($"{fileName}: this is a {label.ToLowerInvariant()}, not a private key; pass the private key file"),
            _ => Attempt<RSA>.Fail($"{fileName}: a '{label}' PEM block is not a private key: expected BEGIN RSA PRIVATE KEY, BEGIN PRIVATE KEY or BEGIN OPENSSH PRIVATE KEY"),
        };
    }

    internal static Attempt<RSA> Encrypted(string fileName) =>
        Attempt<RSA>.Fail($"{fileName}: passphrase-protected keys are not supported yet; decrypt a copy with `ssh-keygen -p -N '' -f {fileName}`");

    internal static Attempt<RSA> NotRsa(string fileName, string described) =>
        Attempt<RSA>.Fail($"{fileName}: this is {described} key; RefStack v1 only accepts RSA keys (create one with `ssh-keygen -t rsa -b 4096`)");

    internal static Attempt<RSA> TooSmall(string fileName, int bits) =>
        Attempt<RSA>.Fail($"{fileName}: this RSA key has {bits} bits; Stackmark refuses keys under {SshPublicKey.MinimumRsaBits} bits (RefStack accepts any size, a known weakness); create one with `ssh-keygen -t rsa -b 4096`");

    internal static Attempt<RSA> Import(string fileName, Action<RSA> import)
    {
        var rsa = RSA.Create();
        try
        {
            import(rsa);
        }
        catch (CryptographicException e)
        {
            rsa.Dispose();
            return Attempt<RSA>.Fail($"{fileName}: corrupt RSA private key: {e.Message}");
        }

        if (rsa.KeySize < SshPublicKey.MinimumRsaBits)
        {
            var bits = rsa.KeySize;
            rsa.Dispose();
            return TooSmall(fileName, bits);
        }

        return Attempt<RSA>.Ok(rsa);
    }

    private static Attempt<RSA> Pkcs8(string fileName, byte[] der)
    {
        // PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier { algorithm OID, … }, privateKey, … } (RFC 5208).
        string oid;
        try
        {
            var info = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            _ = info.ReadInteger();
            oid = info.ReadSequence().ReadObjectIdentifier();
        }
        catch (AsnContentException)
        {
            return Attempt<RSA>.Fail($"{fileName}: corrupt PKCS#8 private key (BEGIN PRIVATE KEY)");
        }

        return oid == "1.2.840.113549.1.1.1"
            ? Import(fileName, rsa => rsa.ImportPkcs8PrivateKey(der, out _))
            : NotRsa(fileName, KeyTypes.DescribeOid(oid));
    }

    [GeneratedRegex(@"^Proc-Type:\s*4,\s*ENCRYPTED", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex EncryptedPemHeader();
}

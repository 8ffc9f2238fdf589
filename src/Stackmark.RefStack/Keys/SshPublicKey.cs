using System.Security.Cryptography;

namespace Stackmark.RefStack;

/// <summary>
/// An RSA public key in OpenSSH's one-line form, <c>ssh-rsa AAAA… [comment]</c>: what RefStack stores for a user and
/// what refstack-client sends in <c>X-Public-Key</c>.
/// </summary>
/// <remarks>
/// The blob is the SSH wire encoding (RFC 4253 §6.6): <c>string "ssh-rsa"</c>, <c>mpint e</c>, <c>mpint n</c>.
/// Only <c>ssh-rsa</c> is supported: RefStack v1 verifies nothing else (its <c>ssh-dss</c> support is not copied).
/// Equality is by blob; the comment is ignored. Parsing does not enforce a minimum size; <see cref="ResultSigner"/>
/// and <see cref="PrivateKeyFile"/> refuse keys under <see cref="MinimumRsaBits"/>. Immutable and thread-safe.
/// </remarks>
public sealed class SshPublicKey : IEquatable<SshPublicKey>
{
    /// <summary>The key type token and the type string inside the blob.</summary>
    public const string RsaKeyType = "ssh-rsa";

    /// <summary>The smallest RSA modulus Stackmark accepts. RefStack accepts any size (1024 in its own tests).</summary>
    public const int MinimumRsaBits = 2048;

    private readonly byte[] _blob;
    private readonly byte[] _exponent;
    private readonly byte[] _modulus;

    private SshPublicKey(byte[] blob, byte[] exponent, byte[] modulus, string? comment)
    {
        _blob = blob;
        _exponent = exponent;
        _modulus = modulus;
        Comment = comment;
    }

    /// <summary>The SSH wire blob (the base64-decoded second token of the line).</summary>
    public ReadOnlyMemory<byte> Blob => _blob;

    /// <summary>The comment after the blob (often <c>user@host</c>), or null.</summary>
    public string? Comment { get; }

    /// <summary>The modulus size in bits, as <c>ssh-keygen -l</c> prints it.</summary>
    public int KeySizeBits => _modulus.Length == 0 ? 0 : ((_modulus.Length - 1) * 8) + (8 - byte.LeadingZeroCount(_modulus[0]));

    /// <summary>
    /// The SHA-256 fingerprint as <c>ssh-keygen -l -E sha256</c> prints it: <c>SHA256:</c> and the unpadded base64
    /// of the blob's SHA-256.
    /// </summary>
    public string Sha256Fingerprint => "SHA256:" + Convert.ToBase64String(SHA256.HashData(_blob)).TrimEnd('=');

    /// <summary>
    /// RefStack's index for finding a key's owner: lowercase hex MD5 of the blob (<c>pubkeys.md5_hash</c>). Not a
    /// security property; use <see cref="Sha256Fingerprint"/> to show a key to people.
    /// </summary>
    public string RefStackLookupKey =>
#pragma warning disable CA5351 // RefStack's database column is md5(blob); this is a lookup key, not a signature.
        Convert.ToHexStringLower(MD5.HashData(_blob));
#pragma warning restore CA5351

    /// <summary>The public half of <paramref name="rsa"/>.</summary>
    /// <param name="rsa">An RSA key; only its public parameters are read.</param>
    /// <param name="comment">An optional comment for <see cref="ToString"/>.</param>
    public static SshPublicKey FromRsa(RSA rsa, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(rsa);
        var p = rsa.ExportParameters(includePrivateParameters: false);
        return FromParameters(p.Exponent!, p.Modulus!, comment);
    }

    /// <summary>
    /// Parses <c>ssh-rsa AAAA… [comment]</c>, as found in <c>id_rsa.pub</c>, <c>authorized_keys</c> or the
    /// <c>X-Public-Key</c> header.
    /// </summary>
    /// <returns>The key, or an error saying why the line is not an RSA public key.</returns>
    public static Attempt<SshPublicKey> Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Trim().Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return Attempt<SshPublicKey>.Fail("not an OpenSSH public key: expected 'ssh-rsa AAAA… [comment]'");
        }

        if (parts[0] != RsaKeyType)
        {
            return Attempt<SshPublicKey>.Fail($"{KeyTypes.Describe(parts[0])} public key: RefStack v1 only accepts RSA keys ({RsaKeyType})");
        }

        var blob = new byte[parts[1].Length];
        if (!Convert.TryFromBase64String(parts[1], blob, out var length))
        {
            return Attempt<SshPublicKey>.Fail("malformed public key: the key data is not base64");
        }

        var key = FromBlob(blob.AsSpan(0, length), parts.Length == 3 ? parts[2].Trim() : null, out var error);
        return key is null ? Attempt<SshPublicKey>.Fail(error!) : Attempt<SshPublicKey>.Ok(key);
    }

    /// <summary>The same key with another comment (null for none).</summary>
    public SshPublicKey WithComment(string? comment) => new(_blob, _exponent, _modulus, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());

    /// <summary>An RSA object holding this public key, for verifying. The caller disposes it.</summary>
    public RSA ToRsa()
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Exponent = _exponent, Modulus = _modulus });
        return rsa;
    }

    /// <summary>The <c>X-Public-Key</c> header value: <c>ssh-rsa AAAA…</c>, no comment, as refstack-client sends it.</summary>
    public string ToHeaderValue() => RsaKeyType + " " + Convert.ToBase64String(_blob);

    /// <summary>The <c>authorized_keys</c> line: <c>ssh-rsa AAAA… comment</c> (no trailing space without a comment).</summary>
    public override string ToString() => Comment is null ? ToHeaderValue() : ToHeaderValue() + " " + Comment;

    /// <inheritdoc />
    public bool Equals(SshPublicKey? other) => other is not null && _blob.AsSpan().SequenceEqual(other._blob);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SshPublicKey);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_blob);
        return hash.ToHashCode();
    }

    internal static SshPublicKey FromParameters(ReadOnlySpan<byte> exponent, ReadOnlySpan<byte> modulus, string? comment)
    {
        var writer = new SshWireWriter();
        writer.WriteText(RsaKeyType);
        writer.WritePositiveMpint(exponent);
        writer.WritePositiveMpint(modulus);
        return new SshPublicKey(writer.ToArray(), exponent.TrimStart((byte)0).ToArray(), modulus.TrimStart((byte)0).ToArray(), string.IsNullOrWhiteSpace(comment) ? null : comment);
    }

    internal static SshPublicKey? FromBlob(ReadOnlySpan<byte> blob, string? comment, out string? error)
    {
        try
        {
            var reader = new SshWireReader(blob);
            var type = reader.ReadText();
            if (type != RsaKeyType)
            {
                error = $"malformed public key: the line says {RsaKeyType} but the key data holds '{type}'";
                return null;
            }

            var e = reader.ReadPositiveMpint();
            var n = reader.ReadPositiveMpint();
            if (!reader.AtEnd)
            {
                error = "malformed public key: bytes after the modulus";
                return null;
            }

            if (e.Length == 0 || n.Length == 0)
            {
                error = "malformed public key: zero exponent or modulus";
                return null;
            }

            error = null;
            return new SshPublicKey(blob.ToArray(), e, n, comment);
        }
        catch (FormatException ex)
        {
            error = $"malformed public key: {ex.Message}";
            return null;
        }
    }
}

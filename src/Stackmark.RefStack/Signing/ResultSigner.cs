using System.Security.Cryptography;

namespace Stackmark.RefStack;

/// <summary>
/// Signs and verifies upload bodies as RefStack v1 does: RSASSA-PKCS1-v1_5 with SHA-256 over the exact body bytes,
/// sent as hex in <c>X-Signature</c> with the key in <c>X-Public-Key</c>.
/// </summary>
/// <remarks>
/// The v1 signature covers the body only (no path, time or nonce), so a captured upload can be replayed; that is
/// RefStack's contract, kept for compatibility. Keys under <see cref="SshPublicKey.MinimumRsaBits"/> bits are refused
/// both ways. Stateless and thread-safe (the <see cref="RSA"/> passed in must not be used concurrently elsewhere).
/// </remarks>
public static class ResultSigner
{
    /// <summary>The bytes a key's self-signature covers when it is registered: the 9 ASCII bytes <c>signature</c>.</summary>
    public static ReadOnlySpan<byte> SelfSignedMessage => "signature"u8;

    /// <summary>Signs <paramref name="body"/>, giving the <c>X-Signature</c> header value.</summary>
    /// <returns>Lowercase hex of the raw signature, as refstack-client sends it.</returns>
    /// <exception cref="ArgumentException">The key is under 2048 bits.</exception>
    /// <exception cref="CryptographicException">The key has no private part.</exception>
    public static string Sign(ReadOnlySpan<byte> body, RSA key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.KeySize < SshPublicKey.MinimumRsaBits)
        {
            throw new ArgumentException($"The key has {key.KeySize} bits; at least {SshPublicKey.MinimumRsaBits} are required.", nameof(key));
        }

        return Convert.ToHexStringLower(key.SignData(body, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>
    /// The <c>self_signature</c> for registering a key with RefStack (<c>POST /v1/profile/pubkeys</c>), as
    /// <c>refstack-client sign</c> prints it: <see cref="Sign"/> over <see cref="SelfSignedMessage"/>.
    /// </summary>
    public static string SelfSignature(RSA key) => Sign(SelfSignedMessage, key);

    /// <summary>
    /// Checks an upload's signature as the RefStack server does, given the raw body and the two header values.
    /// </summary>
    /// <param name="body">The request body exactly as received (never re-serialised).</param>
    /// <param name="hexSignature">The <c>X-Signature</c> value: hex, either case.</param>
    /// <param name="publicKeyLine">The <c>X-Public-Key</c> value: <c>ssh-rsa AAAA… [comment]</c>.</param>
    /// <returns>The key that signed, or why the signature is refused (malformed, too small, or not matching).</returns>
    public static Attempt<SshPublicKey> Verify(ReadOnlySpan<byte> body, string hexSignature, string publicKeyLine)
    {
        ArgumentNullException.ThrowIfNull(hexSignature);
        ArgumentNullException.ThrowIfNull(publicKeyLine);

        var parsed = SshPublicKey.Parse(publicKeyLine);
        if (parsed.Value is not { } key)
        {
            return parsed;
        }

        using var rsa = key.ToRsa();
        return Verify(body, hexSignature, key, rsa);
    }

    /// <summary>
    /// <see cref="Verify(ReadOnlySpan{byte}, string, string)"/> for a key already parsed from its <c>X-Public-Key</c>
    /// line, with an <see cref="RSA"/> object holding it (which a server may keep between uploads: importing a key
    /// costs more than verifying with it).
    /// </summary>
    /// <param name="body">The request body exactly as received.</param>
    /// <param name="hexSignature">The <c>X-Signature</c> value: hex, either case.</param>
    /// <param name="key">The parsed <c>X-Public-Key</c>.</param>
    /// <param name="rsa">The public key of <paramref name="key"/> (<see cref="SshPublicKey.ToRsa"/>); not used concurrently elsewhere.</param>
    public static Attempt<SshPublicKey> Verify(ReadOnlySpan<byte> body, string hexSignature, SshPublicKey key, RSA rsa)
    {
        ArgumentNullException.ThrowIfNull(hexSignature);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(rsa);
        if (key.KeySizeBits < SshPublicKey.MinimumRsaBits)
        {
            return Attempt<SshPublicKey>.Fail($"the key has {key.KeySizeBits} bits; at least {SshPublicKey.MinimumRsaBits} are required");
        }

        byte[] signature;
        try
        {
            signature = Convert.FromHexString(hexSignature.Trim());
        }
        catch (FormatException)
        {
            return Attempt<SshPublicKey>.Fail("malformed signature: not hex");
        }

        if (signature.Length != (key.KeySizeBits + 7) / 8)
        {
            return Attempt<SshPublicKey>.Fail($"malformed signature: {signature.Length} bytes for a {key.KeySizeBits}-bit key");
        }

        return rsa.VerifyData(body, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            ? Attempt<SshPublicKey>.Ok(key)
            : Attempt<SshPublicKey>.Fail("signature verification failed: the body was not signed by this key");
    }
}

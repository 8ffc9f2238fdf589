namespace Stackmark.RefStack;

/// <summary>Names SSH and PKCS#8 key types for error messages.</summary>
internal static class KeyTypes
{
    public static string Describe(string sshKeyType) => sshKeyType switch
    {
        "ssh-rsa" => "an RSA",
        "ssh-ed25519" => "an ed25519",
        "ssh-ed448" => "an ed448",
        "ssh-dss" => "a DSA",
        _ when sshKeyType.StartsWith("ecdsa-sha2-", StringComparison.Ordinal) => $"an ECDSA ({sshKeyType["ecdsa-sha2-".Length..]})",
        _ when sshKeyType.StartsWith("sk-", StringComparison.Ordinal) => $"a security-key ({sshKeyType})",
        _ => $"a '{sshKeyType}'",
    };

    /// <summary>Names a PKCS#8 <c>AlgorithmIdentifier</c> OID, or null for RSA.</summary>
    public static string DescribeOid(string oid) => oid switch
    {
        "1.2.840.113549.1.1.1" => "an RSA",
        "1.2.840.113549.1.1.10" => "an RSA-PSS",
        "1.3.101.112" => "an ed25519",
        "1.3.101.113" => "an ed448",
        "1.3.101.110" => "an X25519",
        "1.3.101.111" => "an X448",
        "1.2.840.10045.2.1" => "an ECDSA",
        "1.2.840.10040.4.1" => "a DSA",
        _ => $"an unknown (OID {oid})",
    };
}

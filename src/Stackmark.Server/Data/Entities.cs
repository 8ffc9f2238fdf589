namespace Stackmark.Server.Data;

// EF entities (style rule 16): plain mutable classes, converted to DTOs and domain values at the edge.
// Kept in one file as a schema overview; each is small.

/// <summary>One uploaded test run (RefStack's <c>test</c> row).</summary>
internal sealed class TestRun
{
    public Guid Id { get; set; }

    /// <summary>Upload time, UTC, truncated to microseconds (PostgreSQL's precision) so keyset cursors round-trip.</summary>
    public DateTime CreatedAt { get; set; }

    public string Cpid { get; set; } = "";

    public long DurationSeconds { get; set; }

    /// <summary>0 not verified, 1 verified (RefStack's values).</summary>
    public int VerificationStatus { get; set; }

    public Guid? VerifiedById { get; set; }

    public DateTime? VerifiedAt { get; set; }

    /// <summary>The uploader, when signed: the owner of the key that signed. Null for anonymous uploads.</summary>
    public Guid? OwnerId { get; set; }

    public RegistryUser? Owner { get; set; }

    public Guid? PublicKeyId { get; set; }

    /// <summary>SHA-256 fingerprint of the signing key, kept even if the key is deleted later.</summary>
    public string? SignedKeyFingerprint { get; set; }

    /// <summary>Denormalised from the <c>shared</c> meta key so the public listing is one indexed predicate.</summary>
    public bool Shared { get; set; }

    public Guid? ProductVersionId { get; set; }

    public ProductVersion? ProductVersion { get; set; }

    /// <summary>How the results arrived: <c>refstack-v1</c> (passed names only), <c>subunit</c> or <c>stackmark-full</c> (full-results.json).</summary>
    public string Format { get; set; } = "refstack-v1";

    /// <summary>
    /// How the upload was signed: null unsigned, 1 RefStack's body-only signature (replayable), 2 Stackmark's signature
    /// over method, target, timestamp, nonce and body hash (<c>UploadSignatureV2</c>).
    /// </summary>
    public int? SignatureVersion { get; set; }

    /// <summary>The guideline the run was verified against (the <c>guideline</c> meta at verification time).</summary>
    public string? VerifiedGuideline { get; set; }

    /// <summary>The target the run was verified against.</summary>
    public string? VerifiedTarget { get; set; }

    /// <summary>The server's verdict at verification time.</summary>
    public bool? VerifiedCompliant { get; set; }

    /// <summary>The compliance report at verification time, as <c>ComplianceJson</c> wrote it: a snapshot, never recomputed.</summary>
    public string? VerifiedReportJson { get; set; }

    public List<TestRunMeta> Meta { get; set; } = [];
}

/// <summary>
/// A metadata key of a run: <c>shared</c>, <c>guideline</c>, <c>target</c> (RefStack's <c>meta</c>), Stackmark's
/// <c>region</c> (a region its product declares). Full-results uploads set guideline and target themselves.
/// </summary>
internal sealed class TestRunMeta
{
    public Guid RunId { get; set; }

    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}

/// <summary>One test of a run with its full status (RefStack kept only passed names).</summary>
/// <remarks>
/// No foreign key to <see cref="TestRun"/>: PostgreSQL checks one per inserted row, which was a quarter of its CPU for a
/// 300-test upload. Rows are only inserted in the transaction that inserts their run, and deleted with it
/// (<c>ResultsApi.Delete</c>); the primary key (run_id, name) indexes them by run.
/// </remarks>
internal sealed class TestRunResult
{
    public Guid RunId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The idempotent id as a canonical UUID string, when the client sent one.</summary>
    public string? IdempotentId { get; set; }

    /// <summary><c>pass</c>, <c>fail</c>, <c>skip</c> or (full-results uploads) <c>not-run</c>.</summary>
    public string Status { get; set; } = "pass";

    public string? Reason { get; set; }

    public double? DurationSeconds { get; set; }

    /// <summary>
    /// The non-pass category a full-results upload gave (<c>accounts</c>, <c>failure</c>, …); null for a pass and for
    /// formats that carry none, whose misses stay the cloud's (RefStack's rule).
    /// </summary>
    public string? Category { get; set; }
}

/// <summary>The raw subunit stream of a run, when it was uploaded as subunit (private to owner and foundation).</summary>
internal sealed class TestRunSubunit
{
    public Guid RunId { get; set; }

    public byte[] Content { get; set; } = [];
}

/// <summary>A run's compliance with one guideline's target, computed once on the server and stored.</summary>
internal sealed class ComplianceSnapshot
{
    public Guid RunId { get; set; }

    /// <summary>The guideline id, e.g. <c>2020.06</c> or <c>dns.2020.06</c>.</summary>
    public string Guideline { get; set; } = "";

    public string Target { get; set; } = "";

    public bool Compliant { get; set; }

    /// <summary>The report as <c>ComplianceJson</c> writes it.</summary>
    public string ReportJson { get; set; } = "";

    public DateTime ComputedAt { get; set; }
}

/// <summary>A local account.</summary>
internal sealed class RegistryUser
{
    public Guid Id { get; set; }

    /// <summary>The login name; shown where RefStack showed the OpenID (<c>openid</c>).</summary>
    public string UserName { get; set; } = "";

    public string? Email { get; set; }

    public string? FullName { get; set; }

    /// <summary>ASP.NET Core Identity's <c>PasswordHasher</c> format (PBKDF2); null for accounts without a password.</summary>
    public string? PasswordHash { get; set; }

    public bool IsFoundationAdmin { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>An API token: only its SHA-256 is stored.</summary>
internal sealed class ApiToken
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public RegistryUser? User { get; set; }

    /// <summary>Lowercase hex SHA-256 of the token string.</summary>
    public string TokenHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}

/// <summary>A user's public key for signed uploads.</summary>
internal sealed class UserPublicKey
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public RegistryUser? User { get; set; }

    /// <summary>The key type, e.g. <c>ssh-rsa</c>.</summary>
    public string Format { get; set; } = "";

    /// <summary>The base64 key blob (the second token of the OpenSSH line).</summary>
    public string Blob { get; set; } = "";

    public string? Comment { get; set; }

    /// <summary>RefStack's lookup index: lowercase hex MD5 of the blob. Not unique by itself (collisions are compared in full).</summary>
    public string Md5 { get; set; } = "";

    /// <summary><c>SHA256:…</c> as <c>ssh-keygen -l</c> prints it; unique.</summary>
    public string Sha256Fingerprint { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

/// <summary>A vendor (RefStack's organization): type 0 foundation, 1 private, 2 pending, 3 official.</summary>
internal sealed class Vendor
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public int Type { get; set; } = 1;

    /// <summary>Why the foundation denied the last registration (RefStack's <c>registration_decline_reason</c>).</summary>
    public string? RegistrationDeclineReason { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A vendor's administrator.</summary>
internal sealed class VendorAdmin
{
    public Guid VendorId { get; set; }

    public Guid UserId { get; set; }
}

/// <summary>A product of a vendor: type 0 distro, 1 public cloud, 2 hosted private cloud.</summary>
internal sealed class Product
{
    public Guid Id { get; set; }

    public Guid VendorId { get; set; }

    public Vendor? Vendor { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public int ProductType { get; set; }

    public bool Public { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A version of a product, with the cpid that links uploads to it.</summary>
internal sealed class ProductVersion
{
    public Guid Id { get; set; }

    public Guid ProductId { get; set; }

    public Product? Product { get; set; }

    public string Version { get; set; } = "";

    public string? Cpid { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A region of a product's declared configuration: what runs its instances and which guest operating systems it
/// supports. Declared by the vendor, not measured; results name a region through their <c>region</c> meta.
/// </summary>
internal sealed class ProductRegion
{
    public Guid ProductId { get; set; }

    /// <summary>The region's name as the vendor spells it (e.g. <c>RegionOne</c>); unique per product, ignoring case.</summary>
    public string Name { get; set; } = "";

    /// <summary>Declaration order, so pages and the API list regions as the vendor declared them.</summary>
    public int Position { get; set; }

    /// <summary><c>hypervisor</c>, <c>container</c> or <c>bare-metal</c> (<see cref="Products.DeclaredRegions.Kinds"/>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>The hypervisor or container runtime (e.g. <c>KVM</c>, <c>Kata</c>); optional for bare metal.</summary>
    public string? Runtime { get; set; }

    /// <summary>The guest operating systems the region supports, in the vendor's order (names, e.g. <c>Ubuntu 24.04</c>).</summary>
    public List<string> GuestOperatingSystems { get; set; } = [];
}

/// <summary>One verification or un-verification of a run by a foundation admin: the audit trail RefStack lacked.</summary>
internal sealed class ResultVerificationEvent
{
    public Guid Id { get; set; }

    public Guid RunId { get; set; }

    /// <summary>True for verify, false for un-verify.</summary>
    public bool Verified { get; set; }

    public Guid? ById { get; set; }

    public DateTime At { get; set; }

    public string? Guideline { get; set; }

    public string? Target { get; set; }

    public bool? Compliant { get; set; }
}

/// <summary>
/// A vendor's statement that a product runs the designated sections of one guideline (the honor system: results
/// cannot show which code runs). Verifying a result of the product for that guideline requires it.
/// </summary>
internal sealed class ProductAttestation
{
    public Guid ProductId { get; set; }

    /// <summary>The guideline as <c>GuidelineId</c> writes it: 2020.06, next, dns.2020.06.</summary>
    public string Guideline { get; set; } = "";

    /// <summary>Who attested (null once that account is deleted).</summary>
    public Guid? ById { get; set; }

    public DateTime At { get; set; }
}

/// <summary>A nonce of a v2-signed upload, kept until its timestamp leaves the accepted window, so a replay is refused.</summary>
internal sealed class UploadNonce
{
    public string Nonce { get; set; } = "";

    public DateTime ExpiresAt { get; set; }
}

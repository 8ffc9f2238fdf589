using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Http;

namespace Stackmark.Server.Vendors;

/// <summary>RefStack's vendor types (<c>organization.type</c>).</summary>
internal static class VendorType
{
    public const int Foundation = 0;
    public const int Private = 1;
    public const int Pending = 2;
    public const int Official = 3;
}

/// <summary>Who may see and manage a vendor and what hangs off it: its admins and foundation admins.</summary>
internal static class VendorAccess
{
    /// <summary>Whether the caller administers the vendor (foundation admins administer every vendor).</summary>
    public static async Task<bool> CanManageAsync(Caller? caller, Guid vendorId, RegistryDbContext db, CancellationToken ct) =>
        caller is not null && (caller.IsFoundation || await IsAdminAsync(caller.UserId, vendorId, db, ct));

    /// <summary>Whether the user is one of the vendor's own admins (not counting the foundation).</summary>
    public static Task<bool> IsAdminAsync(Guid userId, Guid vendorId, RegistryDbContext db, CancellationToken ct) =>
        db.VendorAdmins.AnyAsync(a => a.VendorId == vendorId && a.UserId == userId, ct);

    /// <summary>The vendors the caller administers (empty for anonymous callers).</summary>
    public static async Task<HashSet<Guid>> AdministeredAsync(Caller? caller, RegistryDbContext db, CancellationToken ct) =>
        caller is null
            ? []
            : (await db.VendorAdmins.AsNoTracking().Where(a => a.UserId == caller.UserId).Select(a => a.VendorId).ToListAsync(ct)).ToHashSet();

    /// <summary>Official vendors (and the foundation itself) are public; private and pending ones only to who manages them.</summary>
    public static bool IsPublic(Vendor vendor) => vendor.Type is VendorType.Official or VendorType.Foundation;

    /// <summary>401 for an anonymous caller, else 403: the answer when a caller may not see or change something.</summary>
    public static JsonHttpResult<ApiError> Denied(Caller? caller, string what) =>
        caller is null ? ApiError.Unauthorized("Authentication required") : ApiError.Forbidden(what);

    /// <summary>Whether any verified result is linked to a version of these products: such links are evidence and stay.</summary>
    public static Task<bool> HasVerifiedResultsAsync(IQueryable<ProductVersion> versions, RegistryDbContext db, CancellationToken ct) =>
        db.Runs.AnyAsync(r => r.VerificationStatus != 0 && r.ProductVersionId != null && versions.Any(v => v.Id == r.ProductVersionId), ct);
}

using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Http;

namespace Stackmark.Server.Vendors;

/// <summary>
/// RefStack's <c>/v1/vendors</c>: vendors go private → pending (the vendor registers) → official (the foundation approves);
/// deny and cancel go back to private. Their admins manage them and their products; foundation admins manage all.
/// </summary>
internal static class VendorsApi
{
    public const int MaxNameLength = 128;
    public const int MaxDescriptionLength = 4096;

    public static IEndpointRouteBuilder MapVendors(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/vendors").WithTags("vendors");
        group.MapGet("/", List).WithSummary("Official vendors, plus the caller's own (all for foundation admins).");
        group.MapPost("/", Create).WithSummary("Creates a private vendor; the caller becomes its admin.");
        group.MapGet("/{id}", Show).WithSummary("One vendor (private and pending ones to their admins and the foundation).");
        group.MapPut("/{id}", Update).WithSummary("Changes name or description (vendor admin or foundation; official names by the foundation).");
        group.MapDelete("/{id}", Delete).WithSummary("Deletes a vendor with its products (not official ones unless foundation; not with verified results).");
        group.MapPost("/{id}/action", Act).WithSummary("register / cancel (vendor admin), approve / deny (foundation; deny needs registration_decline_reason).");
        group.MapGet("/{id}/users", ListUsers).WithSummary("The vendor's admins (vendor admins and foundation only).");
        group.MapPut("/{id}/users/{openid}", AddUser).WithSummary("Makes a user (base64 of the user name) an admin of the vendor.");
        group.MapDelete("/{id}/users/{openid}", RemoveUser).WithSummary("Removes an admin of the vendor.");
        return routes;
    }

    private static async Task<Ok<VendorList>> List(HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var mine = await VendorAccess.AdministeredAsync(caller, db, ct);
        var query = db.Vendors.AsNoTracking();
        if (caller?.IsFoundation != true)
        {
            query = query.Where(v => v.Type == VendorType.Official || v.Type == VendorType.Foundation || mine.Contains(v.Id));
        }

        var vendors = await query.OrderBy(v => v.Name).ToListAsync(ct);
        return TypedResults.Ok(new VendorList([.. vendors.Select(v => v.AsDto(caller?.IsFoundation == true || mine.Contains(v.Id)))]));
    }

    private static async Task<Results<Created<CreatedId>, JsonHttpResult<ApiError>>> Create(HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        if (Caller.From(http.User) is not { } caller)
        {
            return ApiError.Unauthorized("Authentication required");
        }

        var (body, error) = await RequestBody.ReadJsonObjectAsync(http.Request, ["name", "description", "properties"], ct);
        if (body is null)
        {
            return ApiError.BadRequest("Malformed request", error);
        }

        var name = RequestBody.OptionalString(body, "name", MaxNameLength);
        var description = RequestBody.OptionalString(body, "description", MaxDescriptionLength);
        if ((name.Error ?? description.Error) is { } invalid)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", invalid);
        }

        if (string.IsNullOrEmpty(name.Value))
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", "\"name\" is required");
        }

        if (await db.Vendors.AnyAsync(v => v.Name == name.Value, ct))
        {
            return ApiError.Conflict($"Vendor {name.Value} already exists");
        }

        var vendor = new Vendor
        {
            Id = Guid.CreateVersion7(),
            Name = name.Value,
            Description = description.Value,
            Type = VendorType.Private,
            CreatedAt = Timestamps.Now(options.TimeProvider),
        };
        db.Vendors.Add(vendor);
        db.VendorAdmins.Add(new VendorAdmin { VendorId = vendor.Id, UserId = caller.UserId });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return ApiError.Conflict($"Vendor {name.Value} already exists");
        }

        return TypedResults.Created($"/v1/vendors/{vendor.Id}", new CreatedId(vendor.Id.ToString()));
    }

    /// <summary>The vendor if the caller may see it: 404 absent, 401/403 private or pending and not theirs.</summary>
    private static async Task<(Vendor? Vendor, bool CanManage, JsonHttpResult<ApiError>? Error)> FindVisibleAsync(
        string id, Caller? caller, RegistryDbContext db, CancellationToken ct, bool track = false)
    {
        var query = track ? db.Vendors : db.Vendors.AsNoTracking();
        var vendor = Guid.TryParse(id, out var vendorId) ? await query.FirstOrDefaultAsync(v => v.Id == vendorId, ct) : null;
        if (vendor is null)
        {
            return (null, false, ApiError.NotFound("Vendor not found"));
        }

        var canManage = await VendorAccess.CanManageAsync(caller, vendor.Id, db, ct);
        return canManage || VendorAccess.IsPublic(vendor)
            ? (vendor, canManage, null)
            : (null, false, VendorAccess.Denied(caller, "This vendor is private"));
    }

    /// <summary>The vendor if the caller manages it: 404 absent, 401 anonymous, 403 otherwise.</summary>
    private static async Task<(Vendor? Vendor, JsonHttpResult<ApiError>? Error)> FindManagedAsync(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (caller is null)
        {
            return (null, ApiError.Unauthorized("Authentication required"));
        }

        var (vendor, canManage, error) = await FindVisibleAsync(id, caller, db, ct, track: true);
        if (vendor is null)
        {
            return (null, error);
        }

        return canManage ? (vendor, null) : (null, ApiError.Forbidden("Only the vendor's admins and foundation admins manage a vendor"));
    }

    private static async Task<Results<Ok<VendorDto>, JsonHttpResult<ApiError>>> Show(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (vendor, canManage, error) = await FindVisibleAsync(id, Caller.From(http.User), db, ct);
        return vendor is null ? error! : TypedResults.Ok(vendor.AsDto(canManage));
    }

    private static async Task<Results<Ok<VendorDto>, JsonHttpResult<ApiError>>> Update(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (vendor, error) = await FindManagedAsync(id, http, db, ct);
        if (vendor is null)
        {
            return error!;
        }

        var (body, bad) = await RequestBody.ReadJsonObjectAsync(http.Request, ["name", "description", "properties"], ct);
        if (body is null)
        {
            return ApiError.BadRequest("Malformed request", bad);
        }

        var name = RequestBody.OptionalString(body, "name", MaxNameLength);
        var description = RequestBody.OptionalString(body, "description", MaxDescriptionLength);
        if ((name.Error ?? description.Error) is { } invalid)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", invalid);
        }

        if (name.Present && name.Value != vendor.Name)
        {
            if (string.IsNullOrEmpty(name.Value))
            {
                return ApiError.BadRequest("Request doesn't correspond to schema", "\"name\" cannot be empty");
            }

            // RefStack: an official vendor's name is the foundation's to change.
            if (vendor.Type is VendorType.Official or VendorType.Foundation && !Caller.From(http.User)!.IsFoundation)
            {
                return ApiError.Forbidden("Only foundation admins rename an official vendor");
            }

            if (await db.Vendors.AnyAsync(v => v.Name == name.Value && v.Id != vendor.Id, ct))
            {
                return ApiError.Conflict($"Vendor {name.Value} already exists");
            }

            vendor.Name = name.Value;
        }

        if (description.Present)
        {
            vendor.Description = description.Value;
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(vendor.AsDto(canManage: true));
    }

    private static async Task<Results<NoContent, JsonHttpResult<ApiError>>> Delete(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (vendor, error) = await FindManagedAsync(id, http, db, ct);
        if (vendor is null)
        {
            return error!;
        }

        if (vendor.Type == VendorType.Foundation)
        {
            return ApiError.Forbidden("The foundation vendor cannot be deleted");
        }

        if (vendor.Type == VendorType.Official && !Caller.From(http.User)!.IsFoundation)
        {
            return ApiError.Forbidden("Only foundation admins delete an official vendor");
        }

        if (await VendorAccess.HasVerifiedResultsAsync(db.ProductVersions.Where(v => v.Product!.VendorId == vendor.Id), db, ct))
        {
            return ApiError.Conflict("The vendor's products have verified results");
        }

        await db.Vendors.Where(v => v.Id == vendor.Id).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<VendorDto>, JsonHttpResult<ApiError>>> Act(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (caller is null)
        {
            return ApiError.Unauthorized("Authentication required");
        }

        var (vendor, canManage, error) = await FindVisibleAsync(id, caller, db, ct, track: true);
        if (vendor is null)
        {
            return error!;
        }

        var (body, bad) = await RequestBody.ReadJsonObjectAsync(http.Request, ["register", "cancel", "approve", "deny", "registration_decline_reason"], ct);
        if (body is null)
        {
            return ApiError.BadRequest("Malformed request", bad);
        }

        var actions = body.Keys.Where(k => k is "register" or "cancel" or "approve" or "deny").ToList();
        if (actions.Count != 1)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", "exactly one of register, cancel, approve, deny");
        }

        var action = actions[0];
        var reason = RequestBody.OptionalString(body, "registration_decline_reason", 1024);
        if (reason.Error is not null)
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", reason.Error);
        }

        if (reason.Present && action != "deny")
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", "registration_decline_reason goes with deny only");
        }

        var (needsFoundation, from, to) = action switch
        {
            "register" => (false, VendorType.Private, VendorType.Pending),
            "cancel" => (false, VendorType.Pending, VendorType.Private),
            "approve" => (true, VendorType.Pending, VendorType.Official),
            _ => (true, VendorType.Pending, VendorType.Private),
        };
        if (needsFoundation ? !caller.IsFoundation : !canManage)
        {
            return ApiError.Forbidden(needsFoundation ? $"Only foundation admins {action} a registration" : $"Only the vendor's admins {action} its registration");
        }

        if (vendor.Type != from)
        {
            return ApiError.Conflict($"Cannot {action}: the vendor is {TypeWord(vendor.Type)}, not {TypeWord(from)}");
        }

        if (action == "deny" && string.IsNullOrEmpty(reason.Value))
        {
            return ApiError.BadRequest("Request doesn't correspond to schema", "deny needs a registration_decline_reason");
        }

        vendor.Type = to;
        vendor.RegistrationDeclineReason = action switch
        {
            "deny" => reason.Value,
            "register" or "approve" => null,
            _ => vendor.RegistrationDeclineReason,
        };
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(vendor.AsDto(canManage));
    }

    private static async Task<Results<Ok<List<VendorUserDto>>, JsonHttpResult<ApiError>>> ListUsers(string id, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (vendor, error) = await FindManagedAsync(id, http, db, ct);
        if (vendor is null)
        {
            return error!;
        }

        var users = await db.VendorAdmins.AsNoTracking()
            .Where(a => a.VendorId == vendor.Id)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => u)
            .OrderBy(u => u.UserName)
            .Select(u => new VendorUserDto(u.UserName, u.FullName, u.Email))
            .ToListAsync(ct);
        return TypedResults.Ok(users);
    }

    private static async Task<Results<NoContent, JsonHttpResult<ApiError>>> AddUser(string id, string openid, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (vendor, error) = await FindManagedAsync(id, http, db, ct);
        if (vendor is null)
        {
            return error!;
        }

        if (DecodeOpenId(openid) is not { } name)
        {
            return ApiError.BadRequest("Invalid user", "the last path segment is the base64 of the user name (openid)");
        }

        var userId = await db.Users.Where(u => u.UserName == name).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        if (userId is null)
        {
            return ApiError.NotFound($"User {name} not found");
        }

        if (!await VendorAccess.IsAdminAsync(userId.Value, vendor.Id, db, ct))
        {
            db.VendorAdmins.Add(new VendorAdmin { VendorId = vendor.Id, UserId = userId.Value });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Added concurrently: the same outcome.
            }
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, JsonHttpResult<ApiError>>> RemoveUser(string id, string openid, HttpContext http, RegistryDbContext db, CancellationToken ct)
    {
        var (vendor, error) = await FindManagedAsync(id, http, db, ct);
        if (vendor is null)
        {
            return error!;
        }

        if (DecodeOpenId(openid) is not { } name)
        {
            return ApiError.BadRequest("Invalid user", "the last path segment is the base64 of the user name (openid)");
        }

        var removed = await db.VendorAdmins
            .Where(a => a.VendorId == vendor.Id && db.Users.Any(u => u.Id == a.UserId && u.UserName == name))
            .ExecuteDeleteAsync(ct);
        return removed == 0 ? ApiError.NotFound($"{name} is not an admin of this vendor") : TypedResults.NoContent();
    }

    // RefStack puts base64(openid) in the path; standard or URL-safe alphabet, padding optional.
    internal static string? DecodeOpenId(string segment)
    {
        var b64 = segment.Trim().Replace('-', '+').Replace('_', '/');
        b64 += new string('=', (4 - (b64.Length % 4)) % 4);
        var bytes = new byte[b64.Length];
        if (!Convert.TryFromBase64String(b64, bytes, out var n))
        {
            return null;
        }

        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, n);
            return text.Length is > 0 and <= 128 && RequestBody.IsStorable(text) ? text : null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string TypeWord(int type) => type switch
    {
        VendorType.Foundation => "the foundation",
        VendorType.Private => "private",
        VendorType.Pending => "pending",
        VendorType.Official => "official",
        _ => type.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static VendorDto AsDto(this Vendor v, bool canManage) => new(
        v.Id.ToString(),
        v.Type,
        v.Name,
        v.Description,
        canManage,
        Timestamps.Render(v.CreatedAt),
        canManage ? v.RegistrationDeclineReason : null);
}

/// <summary>RefStack's <c>{"vendors": [...]}</c>.</summary>
internal sealed record VendorList(List<VendorDto> Vendors);

/// <summary>A vendor in RefStack's shape: type 0 foundation, 1 private, 2 pending, 3 official.</summary>
internal sealed record VendorDto(string Id, int Type, string Name, string? Description, bool CanManage, string CreatedAt, string? RegistrationDeclineReason);

/// <summary>A vendor admin in RefStack's shape; <c>openid</c> carries the local user name.</summary>
internal sealed record VendorUserDto(string Openid, string? Fullname, string? Email);

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Data;
using Stackmark.Server.Http;

namespace Stackmark.Server.Auth;

/// <summary>Local accounts: API tokens for a user name and password, and account creation by foundation admins.</summary>
internal static class AuthApi
{
    public const int MinPasswordLength = 12;

    private static readonly PasswordHasher<RegistryUser> Hasher = new();

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/auth/tokens", IssueToken).WithTags("auth").WithSummary("Exchanges a user name and password for an API token (Bearer).");
        routes.MapPost("/v1/users", CreateUser).WithTags("auth").WithSummary("Creates a local account (foundation admins only).");
        return routes;
    }

    public static string HashPassword(RegistryUser user, string password) => Hasher.HashPassword(user, password);

    private static async Task<Results<Created<TokenResponse>, JsonHttpResult<ApiError>>> IssueToken(
        HttpRequest request, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        var (body, error) = await RequestBody.ReadStringObjectAsync(request, ["username", "password"], [], ct);
        if (body is null)
        {
            return ApiError.BadRequest("Malformed request", error);
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == body["username"], ct);
        var ok = user?.PasswordHash is { } hash && Hasher.VerifyHashedPassword(user, hash, body["password"]) != PasswordVerificationResult.Failed;
        if (!ok)
        {
            return ApiError.Unauthorized("Unknown user name or wrong password");
        }

        var token = ApiTokenAuthenticationHandler.NewToken();
        var now = Timestamps.Now(options.TimeProvider);
        var expires = now + options.TokenLifetime;
        db.ApiTokens.Add(new ApiToken { Id = Guid.CreateVersion7(), UserId = user!.Id, TokenHash = ApiTokenAuthenticationHandler.Hash(token), CreatedAt = now, ExpiresAt = expires });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created((string?)null, new TokenResponse(token, Timestamps.Render(expires)));
    }

    private static async Task<Results<Created<CreatedId>, JsonHttpResult<ApiError>>> CreateUser(
        HttpContext http, RegistryDbContext db, RegistryOptions options, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (caller is null)
        {
            return ApiError.Unauthorized("Authentication required");
        }

        if (!caller.IsFoundation)
        {
            return ApiError.Forbidden("Only foundation admins create accounts");
        }

        var (body, error) = await RequestBody.ReadStringObjectAsync(http.Request, ["username", "password"], ["email", "fullname"], ct);
        if (body is null)
        {
            return ApiError.BadRequest("Malformed request", error);
        }

        var name = body["username"].Trim();
        if (name.Length is 0 or > 128 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
        {
            return ApiError.BadRequest("Invalid user name", "1 to 128 characters: letters, digits, '.', '_', '-', '@'");
        }

        if (body["password"].Length < MinPasswordLength)
        {
            return ApiError.BadRequest("Password too short", $"at least {MinPasswordLength} characters");
        }

        if (await db.Users.AnyAsync(u => u.UserName == name, ct))
        {
            return ApiError.Conflict($"User {name} already exists");
        }

        var user = new RegistryUser
        {
            Id = Guid.CreateVersion7(),
            UserName = name,
            Email = body.GetValueOrDefault("email"),
            FullName = body.GetValueOrDefault("fullname"),
            CreatedAt = Timestamps.Now(options.TimeProvider),
        };
        if (!RequestBody.IsStorable(user.Email ?? "") || !RequestBody.IsStorable(user.FullName ?? "") || user.Email?.Length > 256 || user.FullName?.Length > 256)
        {
            return ApiError.BadRequest("Invalid email or full name");
        }

        user.PasswordHash = HashPassword(user, body["password"]);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/v1/users/{user.Id}", new CreatedId(user.Id.ToString()));
    }
}

/// <summary>An issued API token; only its hash is stored, so this is the one time it is shown.</summary>
internal sealed record TokenResponse(string Token, string ExpiresAt);

/// <summary>The id of a created object.</summary>
internal sealed record CreatedId(string Id);

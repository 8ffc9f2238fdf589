using System.Security.Claims;

namespace Stackmark.Server.Auth;

/// <summary>
/// The authenticated user of a request, whatever scheme authenticated them. Any scheme (API token today, OpenID Connect
/// later) plugs in by producing a principal whose <see cref="ClaimTypes.NameIdentifier"/> is a registry user's id.
/// </summary>
internal sealed record Caller(Guid UserId, string UserName, bool IsFoundation)
{
    public const string FoundationRole = "foundation";

    public static Caller? From(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? new Caller(id, principal.Identity.Name ?? "", principal.IsInRole(FoundationRole))
            : null;

    public static ClaimsPrincipal Principal(Data.RegistryUser user, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.Id.ToString()), new(ClaimTypes.Name, user.UserName) };
        if (user.IsFoundationAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, FoundationRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}

using Stackmark.Server.Auth;
using Stackmark.Server.Tests.Support;

namespace Stackmark.Server.Tests.Web;

/// <summary>The registry on SQLite, for the web UI tests.</summary>
public sealed class WebRegistry : SqliteRegistry
{
}

/// <summary>
/// The registry on SQLite with OpenID Connect sign-in configured against a local <see cref="OidcProvider"/>, started
/// first; the registry's callback URL is registered with the provider once the registry listens.
/// </summary>
public sealed class OidcRegistry : SqliteRegistry, IAsyncLifetime
{
    public const string DisplayName = "Test IdP";

    public OidcProvider Provider { get; private set; } = null!;

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (Problem is null)
        {
            await Provider.RegisterClientAsync(new Uri(BaseUrl, BrowserSignIn.OidcCallbackPath));
        }
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
    }

    protected override async Task<IReadOnlyList<string>> ExtraArgsAsync()
    {
        Provider = await OidcProvider.StartAsync();
        return
        [
            $"--Oidc:Authority={Provider.Issuer}",
            $"--Oidc:ClientId={OidcProvider.ClientId}",
            $"--Oidc:ClientSecret={OidcProvider.ClientSecret}",
            "--Oidc:RequireHttpsMetadata=false",
            $"--Oidc:DisplayName={DisplayName}",
        ];
    }
}

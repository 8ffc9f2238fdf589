using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Stackmark.Guidelines;
using Stackmark.Server.Auth;
using Stackmark.Server.Data;
using Stackmark.Server.Guidelines;
using Stackmark.Server.Http;
using Stackmark.Server.Products;
using Stackmark.Server.Profile;
using Stackmark.Server.Results;
using Stackmark.Server.Vendors;
using Stackmark.Server.Web;

namespace Stackmark.Server;

/// <summary>Builds the registry web application (<c>stackmark serve</c>): RefStack API v1 plus Stackmark's extensions.</summary>
/// <remarks>
/// The database is migrated and the bootstrap admin created when the application starts (before it listens), not in
/// <see cref="Build"/>. Run it with <c>app.RunAsync()</c>, or <c>StartAsync</c> and read the bound addresses from
/// <c>app.Urls</c> when listening on port 0.
/// </remarks>
public static class RegistryHost
{
    /// <summary>Builds, but does not start, the registry.</summary>
    /// <param name="options">Where to listen, the guideline source, the database, upload policy.</param>
    /// <param name="args">Command-line arguments for ASP.NET Core configuration (logging levels and such), or null.</param>
    /// <exception cref="GuidelineSourceException">The guideline directory does not exist.</exception>
    public static WebApplication Build(RegistryOptions options, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(options.MaxUploadBytes, 1024 * 1024) + 1);

        // The in-force policy: the options' own, else configuration, else the files' status; a bad value stops start-up.
        var policyText = builder.Configuration["Registry:InForcePolicy"];
        options.InForcePolicy ??= policyText is null ? InForcePolicy.Status
            : InForcePolicy.TryParse(policyText, out var policy) ? policy
            : throw new InvalidOperationException($"Registry:InForcePolicy: '{policyText}' is not status or recent:N (N at least 1)");

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(options.TimeProvider);
        services.AddSingleton(new GuidelineCatalog(options.GuidelineSource is { } source ? GuidelineSources.Open(source) : GuidelineSources.Default(), options.TimeProvider));
        DatabaseConfig.From(options.Database).Register(services);
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton<SigningKeyCache>();
        services.AddAuthentication(ApiTokenAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddProblemDetails();
        services.AddOpenApi();
        builder.AddWebUi(options);

        var app = builder.Build();
        app.UseExceptionHandler(e => e.Run(WriteUnexpectedError));
        app.UseSlashCollapsing();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapResults();
        app.MapGuidelines();
        app.MapProfile();
        app.MapAuth();
        app.MapVendors();
        app.MapProducts();
        Scoring.ScoringApi.MapScoring(app);
        Flags.FlagsApi.MapFlags(app);
        Waivers.WaiversApi.MapWaivers(app);
        app.MapWebUi();
        Community.CommunityApi.MapCommunity(app);
        return app;
    }

    // The last resort: a JSON error in RefStack's shape, with no internals.
    private static async Task WriteUnexpectedError(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (code, title) = error is BadHttpRequestException bad
            ? (bad.StatusCode, "Bad request")
            : (StatusCodes.Status500InternalServerError, "Internal server error");
        context.Response.StatusCode = code;
        await context.Response.WriteAsJsonAsync(new ApiError(code, title));
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Stackmark.Guidelines.Tests;

/// <summary>
/// A Gitea-like forge on 127.0.0.1 (Kestrel, port 0) holding one repository, <c>owner/interop</c>: its files by path,
/// the contents API (<c>/api/v1/repos/owner/interop/contents/{path}</c>: a JSON array of name, path, type,
/// download_url) and raw downloads (<c>/owner/interop/raw/branch/master/{path}</c>).
/// </summary>
internal sealed class ForgeServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ForgeServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The files, by path in the repository; tests may change them between requests.</summary>
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>http://127.0.0.1:PORT/</summary>
    public string BaseUrl { get; }

    /// <summary>The repository's web address, as a user would give it.</summary>
    public string Repository => BaseUrl + "owner/interop";

    /// <summary>Starts a forge holding <paramref name="files"/>.</summary>
    public static async Task<ForgeServer> StartAsync(IReadOnlyDictionary<string, byte[]> files)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        ForgeServer? forge = null;
        app.Run(context => forge!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        forge = new ForgeServer(app, address.TrimEnd('/') + "/");
        foreach (var (path, bytes) in files)
        {
            forge.Files[path] = bytes;
        }

        return forge;
    }

    private async Task HandleAsync(HttpContext context)
    {
        const string api = "/api/v1/repos/owner/interop/contents";
        const string raw = "/owner/interop/raw/branch/master/";
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith(api, StringComparison.Ordinal))
        {
            var dir = path[api.Length..].Trim('/');
            var prefix = dir.Length == 0 ? "" : dir + "/";
            var children = Files.Keys.Where(p => p.StartsWith(prefix, StringComparison.Ordinal))
                .Select(p => p[prefix.Length..])
                .Select(rest => rest.Contains('/', StringComparison.Ordinal) ? (Name: rest[..rest.IndexOf('/', StringComparison.Ordinal)], Type: "dir") : (Name: rest, Type: "file"))
                .Distinct().OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            if (children.Count == 0)
            {
                context.Response.StatusCode = 404;
                return;
            }

            var listing = children.Select(c => new Dictionary<string, string?>
            {
                ["name"] = c.Name,
                ["path"] = prefix + c.Name,
                ["type"] = c.Type,
                ["download_url"] = c.Type == "file" ? BaseUrl + raw.TrimStart('/') + prefix + c.Name : null,
            });
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(listing));
        }
        else if (path.StartsWith(raw, StringComparison.Ordinal) && Files.TryGetValue(path[raw.Length..], out var bytes))
        {
            await context.Response.Body.WriteAsync(bytes);
        }
        else
        {
            context.Response.StatusCode = 404;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

using System.CommandLine;
using Spectre.Console;
using Stackmark.Server;

namespace Stackmark.Cli.Commands;

/// <summary>
/// <c>stackmark serve</c>: the registry, a RefStack API v1 compatible results server. With no --database it keeps
/// a SQLite file in the working directory.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliContext cx)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:8000" };
        var guidelines = new Option<string?>("--guidelines") { Description = "Guideline source: a directory or an http(s) URL. Default: the user cache (stackmark guidelines update) for the guidelines it holds, else the built-in copy." };
        var database = new Option<string?>("--database") { Description = $"PostgreSQL connection string (Host=…;Database=…) or a SQLite file; default: {RegistryOptions.DefaultSqliteFile} here." };
        var anonymous = new Option<bool>("--allow-anonymous-uploads") { Description = "Accept unsigned uploads (RefStack's default; off here)." };
        var publicUrl = new Option<string?>("--public-url") { Description = "Base URL used in links to results." };
        var policy = new Option<string?>("--in-force-policy")
        {
            Description = "Which guidelines may certify: status (approved; default) or recent:N (the N most recent approved of each kind). Default: the configuration key Registry:InForcePolicy (environment Registry__InForcePolicy), else status.",
        };
        var regionRules = new Option<string?>("--region-rules") { Description = "What each program asks of a verified result's product regions, TARGET=KIND:FAMILY,… (default: platform=hypervisor:linux,compute=hypervisor:linux; an empty string asks nothing)." };
        var command = new Command("serve", "Run the registry: RefStack API v1 for results, keys and guidelines.") { urls, guidelines, database, anonymous, publicUrl, policy, regionRules };
        command.SetAction(async (parse, ct) =>
        {
            var options = new RegistryOptions
            {
                Urls = parse.GetValue(urls)!,
                GuidelineSource = parse.GetValue(guidelines),
                Database = parse.GetValue(database),
                AllowAnonymousUploads = parse.GetValue(anonymous),
                PublicUrl = parse.GetValue(publicUrl) is { } u ? new Uri(u) : null,
                RegionRules = parse.GetValue(regionRules) is { } rules ? ParseRegionRules(rules) : Regions.RegionRules.Default,
                InForcePolicy = parse.GetValue(policy) is { } p ? CommonOptions.ParsePolicy(p) : null,
                // The first foundation admin's password comes from the environment, never from the command line.
                BootstrapAdminPassword = Environment.GetEnvironmentVariable("STACKMARK_ADMIN_PASSWORD"),
            };
            var app = RegistryHost.Build(options);
            cx.Console.MarkupLineInterpolated($"Stackmark registry on {options.Urls} (database: {options.Database ?? RegistryOptions.DefaultSqliteFile}, guidelines: {options.GuidelineSource ?? Guidelines.GuidelineSources.Default().Description})");
            await app.StartAsync(ct);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: stop gracefully.
            }

            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Regions.RegionRules ParseRegionRules(string text)
    {
        try
        {
            return Regions.RegionRules.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--region-rules: {e.Message}");
        }
    }
}

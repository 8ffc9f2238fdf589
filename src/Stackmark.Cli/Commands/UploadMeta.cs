using Stackmark.RefStack;

namespace Stackmark.Cli.Commands;

/// <summary>One metadata key to set on an uploaded result, and whether the user asked for it by option.</summary>
/// <param name="Key">guideline, target, region or measured.</param>
/// <param name="Value">The value sent.</param>
/// <param name="Asked">True when given as an option (a refusal fails the command); false when the run's manifest knew it
/// (a refusal is a warning: the user asked for nothing the registry refused).</param>
internal sealed record WantedMeta(string Key, string Value, bool Asked)
{
    public string Source => Asked ? $"--{Key}" : "the run's manifest.json";

    /// <summary>The value as said on the console: what the run measured is a JSON object, said in short.</summary>
    public string Shown => Key == UploadMeta.MeasuredKey ? $"(what the run measured: {Value.Length} bytes of JSON)" : Value;
}

/// <summary>
/// After <c>stackmark upload</c>: link the result to a product version and set the meta the run knows (guideline, target,
/// region), each refusal said in the registry's words with what would fix it. The upload itself always stands.
/// </summary>
internal static class UploadMeta
{
    public const string TokenVariable = "STACKMARK_TOKEN";

    public const string RegionKey = "region";

    /// <summary>The meta key of what the run measured (<see cref="Regions.MeasuredCloud"/>).</summary>
    public const string MeasuredKey = "measured";

    /// <summary>What to set, in the order the registry needs: guideline and target, then region (checked against the product), then what the run measured.</summary>
    public static IReadOnlyList<WantedMeta> Plan(RunManifest? manifest, GuidelineId? guideline, string? target, string? region)
    {
        var wanted = new List<WantedMeta>(3);
        Add("guideline", guideline?.ToString(), manifest?.Guideline.ToString());
        Add("target", target, manifest?.Target);
        Add(RegionKey, region, manifest?.Region);
        // What the run measured, for the registry to set beside the declared region: from the manifest only.
        Add(MeasuredKey, null, manifest?.Measured?.ForMeta().ToJson());
        return wanted;

        void Add(string key, string? asked, string? known)
        {
            if (asked is not null)
            {
                wanted.Add(new WantedMeta(key, asked, Asked: true));
            }
            else if (known is not null)
            {
                wanted.Add(new WantedMeta(key, known, Asked: false));
            }
        }
    }

    /// <summary>
    /// Links and sets with <paramref name="token"/>. Outcomes go to standard error, so that standard output stays the
    /// upload's lines ending with the result's URL. Exit 3 when something asked for by option was refused, else 0.
    /// </summary>
    public static async Task<int> ApplyAsync(
        CliContext cx, ResultMetaClient client, Uri baseUrl, string testId, string token, string? productVersion, IReadOnlyList<WantedMeta> wanted, bool signed, CancellationToken ct)
    {
        var failed = false;
        var refused = false;
        var linked = true;
        if (productVersion is not null)
        {
            var link = await client.LinkProductVersionAsync(baseUrl, testId, productVersion, token, ct);
            if (link.Success)
            {
                cx.Error.WriteLine($"Linked the result to product version {productVersion}");
            }
            else
            {
                cx.Error.WriteLine($"stackmark: error: the result was not linked to product version {productVersion}: {Answer(link)}{Hint("link", link, signed)}");
                failed = refused = true;
                linked = false;
            }
        }

        foreach (var meta in wanted)
        {
            var kind = meta.Asked ? "error" : "warning";
            if (meta.Key == RegionKey && !linked)
            {
                // The registry would judge the region against whatever product the result is linked to now, not the one asked for.
                cx.Error.WriteLine($"stackmark: {kind}: region {meta.Value} (from {meta.Source}) not set: the product version link was refused");
                failed |= meta.Asked;
                continue;
            }

            var set = await client.SetMetaAsync(baseUrl, testId, meta.Key, meta.Value, token, ct);
            if (set.Success)
            {
                cx.Error.WriteLine($"Set {meta.Key} = {meta.Shown} (from {meta.Source})");
                continue;
            }

            cx.Error.WriteLine($"stackmark: {kind}: {meta.Key} {meta.Shown} (from {meta.Source}) not set: {Answer(set)}{Hint(meta.Key, set, signed)}");
            failed |= meta.Asked;
            refused = true;
        }

        if (refused)
        {
            var example = wanted.FirstOrDefault(m => m.Key == RegionKey) ?? wanted.FirstOrDefault() ?? new WantedMeta("target", "platform", false);
            cx.Error.WriteLine($"stackmark: the upload stands (test id {testId}); set a key on it without uploading again: "
                + $"curl -X POST -H \"Authorization: Bearer ${TokenVariable}\" --data-binary '{example.Value}' {ResultMetaClient.ResultEndpoint(baseUrl, testId).AbsoluteUri}/meta/{example.Key}");
        }

        return failed ? ExitCodes.RunnerError : ExitCodes.Ok;
    }

    /// <summary>The one line said when there is no token: which meta the run has that the result lacks, and how to set it.</summary>
    public static string? Unset(IReadOnlyList<WantedMeta> wanted) =>
        wanted.Count == 0
            ? null
            : $"stackmark: note: the result has no meta {string.Join(", ", wanted.Select(m => $"{m.Key} {m.Shown}"))} (from the run's manifest.json): "
              + $"give --token (or {TokenVariable}) of the result's owner to set {(wanted.Count == 1 ? "it" : "them")}"
              + (wanted.Any(m => m.Key == RegionKey) ? ", and --product-version ID unless the result links itself by cpid (a region must be one its product declares)" : "");

    private static string Answer(EditResult result) => result.StatusCode is { } status ? $"HTTP {status}: {result.Error}" : result.Error!;

    // What would make the registry say yes, for the refusals a user can fix.
    private static string Hint(string key, EditResult result, bool signed) => (key, result.StatusCode) switch
    {
        (_, 401) => $" (the token is unknown or expired: get one with POST /v1/auth/tokens; a plain RefStack server takes no API tokens)",
        (_, 403) when !signed => " (the upload was unsigned, so the result has no owner: upload with --key of the token's user)",
        (RegionKey, 409) => " (link the result to a product version: --product-version ID, or give that version this cloud's cpid so signed uploads link themselves)",
        (RegionKey, 400) => " (declare the region on the product first: PUT /v1/products/{id}/regions, a vendor admin or the foundation)",
        _ => "",
    };
}

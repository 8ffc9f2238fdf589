using System.CommandLine;
using Spectre.Console;
using Stackmark.RefStack;
using Stackmark.Runner;

namespace Stackmark.Cli.Commands;

/// <summary>
/// <c>stackmark upload RUN_DIR|results.json --url URL [--key KEY] [--token TOKEN] [--product-version ID] [--guideline V]
/// [--target T] [--region NAME]</c>: validate, sign (RSA PKCS#1 v1.5 SHA-256 over the exact body bytes) and upload to a
/// RefStack-compatible registry; then, with an API token, link the result and set the meta the run knows (<see cref="UploadMeta"/>).
/// Exit 0 uploaded, 2 bad input, 3 refused or unreachable (also: a link or meta given by option was refused; the upload stands).
/// </summary>
internal static class UploadCommand
{
    public static Command Create(CliContext cx)
    {
        var path = new Argument<string>("RESULTS") { Description = "A run directory (its results.json) or a results.json file." };
        var url = new Option<string>("--url") { Description = "The registry's API base, e.g. http://127.0.0.1:8000 (…/v1/results/ is appended).", Required = true };
        var key = new Option<string?>("--key", "-i") { Description = "RSA private key (PEM, PKCS#8 or OpenSSH format, unencrypted, 2048 bits or more) to sign with." };
        var version = new Option<int>("--signature-version") { Description = "1: RefStack's body signature (any RefStack server); 2: Stackmark's replay-protected signature (a Stackmark registry).", DefaultValueFactory = _ => 1 };
        version.AcceptOnlyFromAmong("1", "2");
        var token = new Option<string?>("--token") { Description = $"A registry API token (POST /v1/auth/tokens), else ${UploadMeta.TokenVariable}: link the result and set its meta after the upload. Sent only over https or to a loopback address." };
        var productVersion = new Option<string?>("--product-version") { Description = "Link the result to this product version (its id); a region must be one that version's product declares." };
        var guideline = new Option<string?>("--guideline", "-g") { Description = "The result's guideline meta (else the run's manifest.json)." };
        var target = new Option<string?>("--target", "-t") { Description = "The result's target meta: platform, compute, object, dns, orchestration (else the run's manifest.json)." };
        var region = new Option<string?>("--region") { Description = "The result's region meta (else the run's manifest.json cloud.region): one the linked product declares." };
        var command = new Command("upload", "Sign and upload results to a RefStack-compatible registry.") { path, url, key, version, token, productVersion, guideline, target, region };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(path)!;
            if (Directory.Exists(file))
            {
                file = Path.Combine(file, RunEngine.Files.Results);
            }

            if (!File.Exists(file))
            {
                throw new UsageException($"{file} does not exist (a run with no passed test writes no results.json)");
            }

            var parsed = RefStackResults.Parse(await File.ReadAllBytesAsync(file, ct), file);
            var results = parsed.Value ?? throw new UsageException($"{parsed.Location}: {parsed.Error}");
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--url '{parse.GetValue(url)}' is not an http(s) URL");
            }

            var manifest = await ReadManifestAsync(file, ct);
            var wanted = UploadMeta.Plan(
                manifest,
                parse.GetValue(guideline) is { } g ? CommonOptions.ParseVersion(g) : null,
                parse.GetValue(target) is { } t ? Checked("--target", t.Trim(), v => v.All(c => char.IsAsciiLetter(c) || c == '_'), "letters and '_' (platform, compute, object, dns, orchestration)") : null,
                parse.GetValue(region) is { } r ? Checked("--region", r.Trim(), v => v.Length <= 64 && !v.Any(char.IsControl), "1 to 64 characters, no control characters") : null);
            var versionId = parse.GetValue(productVersion) is { } pv ? Checked("--product-version", pv.Trim(), v => Guid.TryParse(v, out _), "a product version's id (a UUID)") : null;
            var apiToken = ApiToken(cx, parse.GetValue(token), baseUrl);
            if (apiToken is null && (versionId is not null || wanted.Any(m => m.Asked)))
            {
                var option = versionId is not null ? "--product-version" : wanted.First(m => m.Asked).Source;
                throw new UsageException($"{option} is set on the result after the upload, with an API token: give --token TOKEN or {UploadMeta.TokenVariable} (POST /v1/auth/tokens on the registry)");
            }

            using var signingKey = parse.GetValue(key) is { } keyFile ? PrivateKeyFile.Load(keyFile) is { Success: true } k ? k.Value : throw new UsageException(PrivateKeyFile.Load(keyFile).Error!) : null;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var outcome = await new RefStackUploader(http) { SignatureVersion = parse.GetValue(version) }.UploadAsync(baseUrl, results, signingKey, ct);
            if (!outcome.Success)
            {
                var status = outcome.StatusCode is { } code ? $"HTTP {code}: " : "";
                cx.Error.WriteLine($"stackmark: upload to {RefStackUploader.ResultsEndpoint(baseUrl)} failed: {status}{outcome.Error}");
                return ExitCodes.RunnerError;
            }

            cx.Console.MarkupLineInterpolated($"Uploaded {results.Passed.Count} passed tests{(signingKey is null ? " (unsigned)" : " (signed)")}: test id {outcome.TestId}");
            cx.Out.WriteLine(outcome.Url?.ToString() ?? outcome.TestId);
            if (apiToken is null)
            {
                if (UploadMeta.Unset(wanted) is { } note)
                {
                    cx.Error.WriteLine(note);
                }

                return ExitCodes.Ok;
            }

            return await UploadMeta.ApplyAsync(cx, new ResultMetaClient(http), baseUrl, outcome.TestId!, apiToken, versionId, wanted, signed: signingKey is not null, ct);
        });
        return command;
    }

    // manifest.json beside the results (a run directory's); none for a results.json kept elsewhere.
    private static async Task<RunManifest?> ReadManifestAsync(string resultsFile, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(resultsFile))!, RunEngine.Files.Manifest);
        if (!File.Exists(path))
        {
            return null;
        }

        var parsed = RunManifest.Parse(await File.ReadAllBytesAsync(path, ct), path);
        return parsed.Value ?? throw new UsageException($"{parsed.Location}: {parsed.Error}");
    }

    // --token, else the environment's. A bearer token is a password: never in clear to another machine. Given by
    // option that is an error; from the environment (set for some other registry, perhaps) it is left unused, with a warning.
    private static string? ApiToken(CliContext cx, string? option, Uri baseUrl)
    {
        var fromOption = !string.IsNullOrWhiteSpace(option);
        var token = fromOption ? option!.Trim() : Environment.GetEnvironmentVariable(UploadMeta.TokenVariable)?.Trim();
        if (string.IsNullOrEmpty(token) || ResultMetaClient.MaySendToken(baseUrl))
        {
            return string.IsNullOrEmpty(token) ? null : token;
        }

        var why = $"an API token is sent only over https or to a loopback address, not in clear to {baseUrl.GetLeftPart(UriPartial.Authority)}";
        if (fromOption)
        {
            throw new UsageException($"--token: {why}; use the registry's https URL");
        }

        cx.Error.WriteLine($"stackmark: warning: {UploadMeta.TokenVariable} not used: {why}");
        return null;
    }

    private static string Checked(string option, string value, Func<string, bool> valid, string expected) =>
        value.Length > 0 && valid(value) ? value : throw new UsageException($"{option} '{value}' is not valid: {expected}");
}

/// <summary><c>stackmark sign KEY</c>: the public key and self-signature to register a key with a registry.</summary>
internal static class SignCommand
{
    public static Command Create(CliContext cx)
    {
        var key = new Argument<string>("KEY") { Description = "RSA private key file." };
        var command = new Command("sign", "Print the public key and its self-signature (over the bytes \"signature\") for key registration.") { key };
        command.SetAction(parse =>
        {
            var loaded = PrivateKeyFile.Load(parse.GetValue(key)!);
            using var rsa = loaded.Value ?? throw new UsageException(loaded.Error!);
            var pub = SshPublicKey.FromRsa(rsa);
            cx.Out.WriteLine($"Public key: {pub}");
            cx.Out.WriteLine($"Fingerprint: {pub.Sha256Fingerprint}");
            cx.Out.WriteLine($"Self signature: {ResultSigner.SelfSignature(rsa)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using Spectre.Console;
using Stackmark.RefStack;
using Stackmark.Runner;

namespace Stackmark.Cli.Commands;

/// <summary>
/// <c>stackmark upload RUN_DIR|results.json --url URL [--key KEY]</c>: validate, sign (RSA PKCS#1 v1.5 SHA-256 over
/// the exact body bytes) and upload to a RefStack-compatible registry. Exit 0 uploaded, 2 bad input, 3 refused or unreachable.
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
        var command = new Command("upload", "Sign and upload results to a RefStack-compatible registry.") { path, url, key, version };
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
            return ExitCodes.Ok;
        });
        return command;
    }
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

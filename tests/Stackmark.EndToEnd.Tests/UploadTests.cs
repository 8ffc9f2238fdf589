using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Stackmark.Server;
using Stackmark.Tests.Support;

namespace Stackmark.EndToEnd.Tests;

/// <summary>
/// A real run's results, signed with an ssh-keygen key and uploaded by `stackmark upload` to a real registry
/// (`stackmark serve`'s host on 127.0.0.1, SQLite): stored, and judged compliant by the server.
/// </summary>
[Collection(DevCloudCollection.Name)]
public sealed class UploadTests(StorageRun storage)
{
    private const string AdminPassword = "e2e-admin-password-0123";

    [SkippableFact]
    public async Task Signed_upload_of_a_real_run_is_stored_and_compliant_and_unsigned_or_unknown_keys_are_refused()
    {
        DevCloud.Require();
        var (exit, _, err, runDir) = await storage.RunAsync();
        Assert.True(exit == 0, err);

        var work = Directory.CreateTempSubdirectory("stackmark-upload").FullName;
        var app = RegistryHost.Build(new RegistryOptions
        {
            Urls = "http://127.0.0.1:0",
            Database = Path.Combine(work, "registry.db"),
            GuidelineSource = InteropData.Directory,
            BootstrapAdminPassword = AdminPassword,
        });
        await app.StartAsync();
        try
        {
            var url = app.Urls.First();
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            var key = SshKeygen(work, "vendor");

            // Register the key: the CLI prints the public key and its self-signature.
            var (signExit, signOut, _) = await DevCloud.StackmarkAsync("sign", key);
            Assert.Equal(0, signExit);
            var lines = signOut.Split('\n').ToDictionary(l => l.Split(':')[0], l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            var login = await http.PostAsJsonAsync("/v1/auth/tokens", new { username = "admin", password = AdminPassword });
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var register = await http.PostAsJsonAsync("/v1/profile/pubkeys", new { raw_key = lines["Public key"], self_signature = lines["Self signature"] });
            Assert.Equal(System.Net.HttpStatusCode.Created, register.StatusCode);

            var (upExit, upOut, upErr) = await DevCloud.StackmarkAsync("upload", runDir, "--url", url, "--key", key);
            Assert.True(upExit == 0, upErr);
            var testId = upOut.Trim().Split('/', '#').Last();
            var compliance = await http.GetFromJsonAsync<JsonElement>($"/v1/results/{testId}/compliance?guideline=2019.11&target=object");
            Assert.True(compliance.GetProperty("compliant").GetBoolean(), compliance.ToString());
            var stored = await http.GetFromJsonAsync<JsonElement>($"/v1/results/{testId}");
            Assert.Equal(58, stored.GetProperty("results").GetArrayLength());

            // The replay-protected signature is accepted too, as a new upload.
            var (v2Exit, v2Out, v2Err) = await DevCloud.StackmarkAsync("upload", runDir, "--url", url, "--key", key, "--signature-version", "2");
            Assert.True(v2Exit == 0, v2Err);
            var v2Id = v2Out.Trim().Split('/', '#').Last();
            Assert.NotEqual(testId, v2Id);
            var v2 = await http.GetFromJsonAsync<JsonElement>($"/v1/results/{v2Id}");
            Assert.Equal(2, v2.GetProperty("signature_version").GetInt32());

            (upExit, _, upErr) = await DevCloud.StackmarkAsync("upload", runDir, "--url", url);
            Assert.Equal(3, upExit);
            Assert.Contains("401", upErr, StringComparison.Ordinal);

            (upExit, _, upErr) = await DevCloud.StackmarkAsync("upload", runDir, "--url", url, "--key", SshKeygen(work, "stranger"));
            Assert.Equal(3, upExit);
            Assert.Contains("401", upErr, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static string SshKeygen(string dir, string name)
    {
        var path = Path.Combine(dir, name);
        var psi = new ProcessStartInfo("/usr/bin/ssh-keygen", ["-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f", path]) { RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd());
        return path;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Stackmark.RefStack;

namespace Stackmark.Server.Tests.Support;

/// <summary>
/// A registry on a real Kestrel at 127.0.0.1:0 with a fresh database, the official guidelines and a bootstrap admin;
/// one per test class. Subclasses pick the database.
/// </summary>
public abstract class RegistryFixture : IAsyncLifetime
{
    public const string AdminPassword = "correct horse battery staple";

    private WebApplication? _app;
    private string? _adminToken;
    private int _users;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Why the database is unavailable (the test skips, or fails when CI=true); null when the server runs.</summary>
    public string? Problem { get; private set; }

    protected virtual bool AllowAnonymousUploads => false;

    /// <summary>The registry's clock (the system clock unless a fixture fakes it).</summary>
    public virtual TimeProvider Clock => TimeProvider.System;

    protected string? ConnectionString { get; private set; }

    /// <summary>More command-line configuration for the registry (e.g. <c>--Oidc:Authority=…</c>); none by default.</summary>
    protected virtual Task<IReadOnlyList<string>> ExtraArgsAsync() => Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>A connection string for a fresh database, or null with the reason there is none.</summary>
    protected abstract Task<(string? ConnectionString, string? Problem)> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync(string connectionString);

    public async Task InitializeAsync()
    {
        (ConnectionString, Problem) = await CreateDatabaseAsync();
        if (ConnectionString is null)
        {
            return;
        }

        _app = RegistryHost.Build(
            new RegistryOptions
            {
                Urls = "http://127.0.0.1:0",
                GuidelineSource = Interop.Directory,
                Database = ConnectionString,
                BootstrapAdminPassword = AdminPassword,
                AllowAnonymousUploads = AllowAnonymousUploads,
                MaxUploadBytes = 1024 * 1024,
                TimeProvider = Clock,
            },
            ["--Logging:LogLevel:Default=Warning", .. await ExtraArgsAsync()]);
        await _app.StartAsync();
        BaseUrl = new Uri(_app.Urls.First());
        Http.BaseAddress = BaseUrl;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Http.Dispose();
        if (ConnectionString is not null)
        {
            await DropDatabaseAsync(ConnectionString);
        }
    }

    /// <summary>Call first in every test: skips (or fails under CI=true) when the database is unavailable.</summary>
    public void RequireServer()
    {
        if (Problem is not null)
        {
            Tool.SkipOrFail(Problem);
        }
    }

    public async Task<string> AdminTokenAsync() => _adminToken ??= await TokenAsync("admin", AdminPassword);

    public async Task<string> TokenAsync(string user, string password)
    {
        using var response = await Http.PostAsJsonAsync("/v1/auth/tokens", new { username = user, password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>A new user, created by the admin; returns its name and API token.</summary>
    public async Task<(string Name, string Token)> NewUserAsync()
    {
        var name = $"user{Interlocked.Increment(ref _users)}-{Guid.NewGuid().ToString("N")[..6]}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/users") { Content = JsonContent.Create(new { username = name, password = "a long enough password" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await AdminTokenAsync());
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (name, await TokenAsync(name, "a long enough password"));
    }

    /// <summary>Registers <paramref name="key"/> for the user with <paramref name="token"/>, as the UI does after <c>refstack-client sign</c>.</summary>
    public async Task<HttpResponseMessage> RegisterKeyAsync(string token, RSA key, string? selfSignature = null) =>
        await SendAsync(HttpMethod.Post, "/v1/profile/pubkeys", token,
            JsonContent.Create(new { raw_key = SshPublicKey.FromRsa(key, "test@stackmark").ToString(), self_signature = selfSignature ?? ResultSigner.SelfSignature(key) }));

    /// <summary>A user with a freshly generated (in-process) 2048-bit key registered.</summary>
    public async Task<(string Name, string Token, RSA Key)> NewSignerAsync()
    {
        var (name, token) = await NewUserAsync();
        var key = RSA.Create(2048);
        using var response = await RegisterKeyAsync(token, key);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (name, token, key);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>How many test rows the database holds for a run, read past the API (rows without a run are unreachable there).</summary>
    public async Task<int> StoredTestRowsAsync(Guid runId)
    {
        using var scope = _app!.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Stackmark.Server.Data.RegistryDbContext>();
        return await db.RunResults.CountAsync(r => r.RunId == runId);
    }

    /// <summary>
    /// Rewrites a verified run's stored guideline past the API, as if it had been verified against
    /// <paramref name="guideline"/> before the registry refused guidelines not in force.
    /// </summary>
    public async Task BackdateVerificationGuidelineAsync(Guid runId, string guideline)
    {
        using var scope = _app!.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Stackmark.Server.Data.RegistryDbContext>();
        Assert.Equal(1, await db.Runs.Where(r => r.Id == runId && r.VerificationStatus == 1).ExecuteUpdateAsync(u => u.SetProperty(r => r.VerifiedGuideline, guideline)));
    }

    /// <summary>Uploads <paramref name="results"/> through the real client, signed with <paramref name="key"/>.</summary>
    public async Task<UploadResult> UploadAsync(RefStackResults results, RSA? key) =>
        await new RefStackUploader(Http).UploadAsync(BaseUrl, results, key);
}

/// <summary>The registry on SQLite in a temporary file.</summary>
public class SqliteRegistry : RegistryFixture
{
    protected override Task<(string?, string?)> CreateDatabaseAsync() =>
        Task.FromResult<(string?, string?)>(("Data Source=" + Path.Combine(Path.GetTempPath(), $"stackmark-test-{Guid.NewGuid():N}.db"), null));

    protected override Task DropDatabaseAsync(string connectionString)
    {
        SqliteConnection.ClearAllPools();
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(f);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The registry on the test PostgreSQL (<see cref="PostgresServer"/>), in a fresh database.</summary>
public class PostgresRegistry : RegistryFixture
{
    protected override async Task<(string?, string?)> CreateDatabaseAsync()
    {
        var (admin, problem) = await PostgresServer.EnsureAsync();
        return admin is null ? (null, problem) : (await PostgresServer.CreateDatabaseAsync(admin), null);
    }

    protected override Task DropDatabaseAsync(string connectionString) => PostgresServer.DropDatabaseAsync(connectionString);
}

/// <summary>SQLite, with anonymous uploads allowed (for the property test).</summary>
public sealed class AnonymousSqliteRegistry : SqliteRegistry
{
    protected override bool AllowAnonymousUploads => true;
}

/// <summary>PostgreSQL, with anonymous uploads allowed (for the property test).</summary>
public sealed class AnonymousPostgresRegistry : PostgresRegistry
{
    protected override bool AllowAnonymousUploads => true;
}

/// <summary>SQLite with a clock that stands at 2031-03-01 12:00 UTC until a test moves it.</summary>
public sealed class ClockedSqliteRegistry : SqliteRegistry
{
    public override ManualClock Clock { get; } = new(new DateTimeOffset(2031, 3, 1, 12, 0, 0, TimeSpan.Zero));
}

/// <summary>PostgreSQL with a clock that stands at 2031-03-01 12:00 UTC until a test moves it.</summary>
public sealed class ClockedPostgresRegistry : PostgresRegistry
{
    public override ManualClock Clock { get; } = new(new DateTimeOffset(2031, 3, 1, 12, 0, 0, TimeSpan.Zero));
}

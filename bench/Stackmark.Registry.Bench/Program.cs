using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Stackmark;
using Stackmark.Guidelines;
using Stackmark.RefStack;
using Stackmark.Server;

// The registry's throughput and latency goals, measured over HTTP against a real PostgreSQL (bench/registry-bench.sh
// starts one): signed 300-test uploads per second (goal ≥ 500/s on 2 cores), then, with `--total` results stored, the
// p99 of one result's compliance report (goal < 20 ms) and of filtered listings (goal < 50 ms). The registry runs in
// this process on 127.0.0.1 (Kestrel, the same host `stackmark serve` builds); the client shares the machine's cores.
var options = Args.Parse(args);
var guideline = await LoadGuidelineAsync(options.Source, "2020.06");
var pool = TestPool(guideline, 300);
Console.WriteLine($"registry bench: {options.Uploads} timed uploads, {options.Total} results in all, concurrency {options.Concurrency}, {pool.Count} tests per result ({guideline.Id} platform required + extras)");

// With --url the registry is another process (`stackmark serve`, as deployed; its admin password in
// STACKMARK_ADMIN_PASSWORD) and this process is only the client; otherwise the registry runs in this process.
var password = options.Url is null ? "bench-admin-password" : Environment.GetEnvironmentVariable("STACKMARK_ADMIN_PASSWORD") ?? "bench-admin-password";
Microsoft.AspNetCore.Builder.WebApplication? app = null;
if (options.Url is null)
{
    app = RegistryHost.Build(new RegistryOptions
    {
        Urls = "http://127.0.0.1:0",
        Database = options.Database,
        GuidelineSource = options.Source,
        BootstrapAdminPassword = password,
    }, ["--Logging:LogLevel:Default=Warning"]);
    await app.StartAsync();
}

var baseUrl = new Uri(options.Url ?? app!.Urls.First());
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency * 2 }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };

// Uploads carry the signature only, as refstack-client sends them (no Authorization header to authenticate).
using var uploader = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency * 2 }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };

using var key = RSA.Create(2048);
// Reads go as the foundation admin: results are private to their owner until shared, as in RefStack.
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await RegisterKeyAsync(http, key, password));
var publicKey = SshPublicKey.FromRsa(key).ToHeaderValue();

var ids = new ConcurrentBag<(string Id, string Cpid)>();
var existing = await CountAsync(http);
var tag = Guid.NewGuid().ToString("N")[..6];

// Warm-up (not timed): a registry runs for days, so the JIT's tiered compilation and the connection pool should be
// warm before anything is measured.
var warm = Enumerable.Range(0, options.Warmup).Select(i => Body(pool, $"warm-{tag}-{i:x8}", i)).Select(b => (b.Cpid, b.Bytes, Signature: ResultSigner.Sign(b.Bytes, key))).ToList();
if (warm.Count > 0)
{
    await UploadAllAsync(uploader, warm, publicKey, options.Concurrency, ids);
}

// Phase 1: ingestion, bodies built and signed beforehand so that only the registry's work is timed.
var bodies = Enumerable.Range(0, options.Uploads).Select(i => Body(pool, $"bench-{tag}-{i:x8}", i)).ToList();
var signed = bodies.Select(b => (b.Cpid, b.Bytes, Signature: ResultSigner.Sign(b.Bytes, key))).ToList();
var cpuBefore = CpuTime.Sample(options.PostgresPid, options.ServerPid);
var (wall, latencies) = await UploadAllAsync(uploader, signed, publicKey, options.Concurrency, ids);
var cpu = CpuTime.Sample(options.PostgresPid, options.ServerPid) - cpuBefore;
Report("upload (signed, 300 tests)", latencies, $"{signed.Count / wall.TotalSeconds:0} uploads/s over {signed.Count} ({wall.TotalSeconds:0.0} s)");
// CPU per upload is steadier than uploads/s when other work shares the cores: 2 cores / CPU per upload bounds the rate.
var postgresCpu = options.PostgresPid is null ? "" : FormattableString.Invariant($", PostgreSQL {cpu.Postgres.TotalMilliseconds / signed.Count:0.000} ms");
var selfCpu = options.Url is null
    ? FormattableString.Invariant($"registry + client {cpu.Self.TotalMilliseconds / signed.Count:0.000} ms")
    : FormattableString.Invariant($"client {cpu.Self.TotalMilliseconds / signed.Count:0.000} ms") +
      (options.ServerPid is null ? "" : FormattableString.Invariant($", registry {cpu.Server.TotalMilliseconds / signed.Count:0.000} ms"));
Console.WriteLine($"CPU per upload: {selfCpu}{postgresCpu}");

// Phase 2: fill the store up to --total results (signed on the fly; not part of the goal, rate printed for the record).
var toSeed = Math.Max(0, options.Total - existing - options.Warmup - options.Uploads);
if (toSeed > 0)
{
    var seedWatch = Stopwatch.StartNew();
    var batch = 2000;
    for (var done = 0; done < toSeed; done += batch)
    {
        var n = Math.Min(batch, toSeed - done);
        var chunk = Enumerable.Range(0, n).AsParallel().Select(i =>
        {
            var b = Body(pool, $"seed-{tag}-{done + i:x8}", done + i);
            return (b.Cpid, b.Bytes, Signature: ResultSigner.Sign(b.Bytes, key));
        }).ToList();
        await UploadAllAsync(uploader, chunk, publicKey, options.Concurrency, ids);
        Console.Write($"\rseeded {done + n}/{toSeed} ({(done + n) / seedWatch.Elapsed.TotalSeconds:0}/s)   ");
    }

    Console.WriteLine();
}

var stored = await CountAsync(http);
Console.WriteLine($"results stored: {stored}");
var sample = ids.ToArray();
var random = new Random(42);

// Phase 3: one result's compliance report, sequential requests after a warm-up.
var compliance = await TimeAsync(http, options.Samples, () =>
{
    var (id, _) = sample[random.Next(sample.Length)];
    return $"/v1/results/{id}/compliance?guideline={guideline.Id}&target=platform";
});
Report($"GET compliance ({stored} results)", compliance);

// Phase 4: listings with filters (RefStack's page of 20, newest first); `signed` lists the caller's own, which here
// are all of them (unsigned or shared results are the public listing, and this bench uploads neither).
var byCpid = await TimeAsync(http, options.Samples, () => $"/v1/results?signed=true&cpid={sample[random.Next(sample.Length)].Cpid}");
Report($"GET list ?signed&cpid= ({stored} results)", byCpid);
var signedOnly = await TimeAsync(http, options.Samples, () => "/v1/results?signed=true");
Report($"GET list ?signed=true ({stored} results)", signedOnly);
var window = await TimeAsync(http, options.Samples, () =>
{
    var day = DateTime.UtcNow.AddMinutes(-random.Next(0, 60));
    return $"/v1/results?start_date={day:yyyy-MM-dd HH:mm:ss}&end_date={DateTime.UtcNow.AddMinutes(1):yyyy-MM-dd HH:mm:ss}&signed=true";
});
Report($"GET list ?start_date&end_date&signed ({stored} results)", window);
var deep = await TimeDeepPagesAsync(http, Math.Max(50, options.Samples / 20), 10);
Report($"GET list, 10th page by cursor ({stored} results)", deep);

if (app is not null)
{
    await app.StopAsync();
}

return 0;

static void Report(string what, List<double> ms, string? extra = null)
{
    ms.Sort();
    double P(double p) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(p * ms.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what,-52} n={ms.Count,-6} p50 {P(0.50),7:0.00} ms  p95 {P(0.95),7:0.00} ms  p99 {P(0.99),7:0.00} ms  max {ms[^1],8:0.00} ms{(extra is null ? "" : "  " + extra)}"));
}

static async Task<(TimeSpan Wall, List<double> Latencies)> UploadAllAsync(
    HttpClient http, List<(string Cpid, byte[] Bytes, string Signature)> uploads, string publicKey, int concurrency, ConcurrentBag<(string, string)> ids)
{
    var latencies = new ConcurrentBag<double>();
    var next = -1;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < uploads.Count)
        {
            var (cpid, bytes, signature) = uploads[i];
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/results") { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("X-Signature", signature);
            request.Headers.TryAddWithoutValidation("X-Public-Key", publicKey);
            var start = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != 201)
            {
                throw new InvalidOperationException($"upload {i} answered {(int)response.StatusCode}: {text}");
            }

            ids.Add((JsonDocument.Parse(text).RootElement.GetProperty("test_id").GetString()!, cpid));
        }
    }));
    return (watch.Elapsed, latencies.ToList());
}

static async Task<List<double>> TimeAsync(HttpClient http, int samples, Func<string> path)
{
    for (var i = 0; i < Math.Min(200, samples); i++)
    {
        using var warm = await http.GetAsync(path());
        warm.EnsureSuccessStatusCode();
    }

    var ms = new List<double>(samples);
    for (var i = 0; i < samples; i++)
    {
        var target = path();
        var start = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(target);
        var body = await response.Content.ReadAsByteArrayAsync();
        ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {target} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }
    }

    return ms;
}

// Follows the keyset cursor from the first page to the `depth`th, timing only the last request.
static async Task<List<double>> TimeDeepPagesAsync(HttpClient http, int samples, int depth)
{
    var ms = new List<double>(samples);
    for (var s = 0; s < samples; s++)
    {
        var path = "/v1/results?signed=true";
        for (var page = 1; page <= depth; page++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(path);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (page == depth)
            {
                ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            response.EnsureSuccessStatusCode();
            if (!json.TryGetProperty("pagination", out var p) || !p.TryGetProperty("next_cursor", out var c) || c.ValueKind != JsonValueKind.String)
            {
                throw new InvalidOperationException($"no next_cursor on page {page}: {json}");
            }

            path = $"/v1/results?signed=true&cursor={Uri.EscapeDataString(c.GetString()!)}";
        }
    }

    return ms;
}

// Results stored: full pages of 20 before the last one, plus the last one's rows.
static async Task<int> CountAsync(HttpClient http)
{
    var first = await http.GetFromJsonAsync<JsonElement>("/v1/results?signed=true");
    var pages = first.GetProperty("pagination").GetProperty("total_pages").GetInt32();
    var last = await http.GetFromJsonAsync<JsonElement>($"/v1/results?signed=true&page={pages}");
    return ((pages - 1) * 20) + last.GetProperty("results").GetArrayLength();
}

static async Task<string> RegisterKeyAsync(HttpClient http, RSA key, string password)
{
    var login = await http.PostAsJsonAsync("/v1/auth/tokens", new { username = "admin", password });
    login.EnsureSuccessStatusCode();
    var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
    using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/profile/pubkeys")
    {
        Content = JsonContent.Create(new { raw_key = SshPublicKey.FromRsa(key).ToHeaderValue(), self_signature = ResultSigner.SelfSignature(key) }),
    };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    using var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"key registration answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    return token!;
}

static async Task<Guideline> LoadGuidelineAsync(string source, string version)
{
    var file = await GuidelineSources.Open(source).ReadAsync(GuidelineId.Parse(version), CancellationToken.None)
        ?? throw new InvalidOperationException($"{version} is not in {source}");
    return GuidelineLoader.Load(file.Content.Span, file.Name).Value ?? throw new InvalidOperationException($"{file.Name} does not load");
}

// The platform's required tests (with their idempotent ids), topped up with made-up ones to `count`.
static List<TestOutcome> TestPool(Guideline g, int count)
{
    var tests = g.CapabilitiesOf("platform", [CapabilityStatus.Required]).SelectMany(c => c.Tests)
        .Select(t => new TestOutcome(t.Name, t.Id, TestStatus.Passed)).DistinctBy(t => t.Name).Take(count).ToList();
    for (var i = tests.Count; i < count; i++)
    {
        tests.Add(TestOutcome.Passed($"tempest.api.extra.test_bench.BenchTest.test_{i:D3}", IdempotentId.Parse($"00000000-0000-4000-8000-{i:D12}")));
    }

    return tests;
}

// One cloud's results: every 10th misses a few tests, so compliance varies as in real data.
static (string Cpid, byte[] Bytes) Body(List<TestOutcome> pool, string cpid, int i)
{
    var passed = i % 10 == 0 ? pool.Where((_, k) => k % 50 != i % 50).ToList() : pool;
    return (cpid, RefStackJson.Serialize(new RefStackResults(cpid, 1200 + i % 600, passed)));
}

/// <summary>Command-line settings.</summary>
internal sealed record Args(string? Database, string Source, int Uploads, int Total, int Concurrency, int Samples, int Warmup, int? PostgresPid, string? Url, int? ServerPid)
{
    public static Args Parse(string[] args)
    {
        string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var url = Get("--url");
        return new Args(
            Get("--database") ?? (url is not null ? null : throw new ArgumentException("--database CONNECTION (PostgreSQL; see bench/registry-bench.sh) or --url URL is required")),
            Get("--source") ?? throw new ArgumentException("--source DIR (the guideline files) is required"),
            Int("--uploads", 3000),
            Int("--total", 100_000),
            Int("--concurrency", 16),
            Int("--samples", 2000),
            Int("--warmup", 1000),
            Get("--postgres-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            url,
            Get("--server-pid") is { } server ? int.Parse(server, CultureInfo.InvariantCulture) : null);
    }
}

/// <summary>
/// CPU time used so far by this process, by a PostgreSQL postmaster with its children and by a registry in another
/// process (Linux /proc).
/// </summary>
internal readonly record struct CpuTime(TimeSpan Self, TimeSpan Postgres, TimeSpan Server)
{
    public static CpuTime operator -(CpuTime a, CpuTime b) => new(a.Self - b.Self, a.Postgres - b.Postgres, a.Server - b.Server);

    public static CpuTime Sample(int? postmaster, int? server)
    {
        using var self = Process.GetCurrentProcess();
        return new(self.TotalProcessorTime, postmaster is { } pid ? PostgresTime(pid) : TimeSpan.Zero, server is { } s ? ProcessTime(s) : TimeSpan.Zero);
    }

    private static TimeSpan ProcessTime(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }

    // utime + stime (fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s) of the postmaster and its children.
    private static TimeSpan PostgresTime(int postmaster)
    {
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            // The command name is in parentheses and may hold spaces: fields are counted after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (pid == postmaster || int.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster)
            {
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
        }

        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}

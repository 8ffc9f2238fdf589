using Npgsql;

namespace Stackmark.Server.Tests.Support;

/// <summary>
/// A real PostgreSQL for the storage tests. Uses <c>STACKMARK_TEST_POSTGRES</c> (an admin connection string) when set;
/// otherwise a throw-away cluster in <c>$TMPDIR/stackmark-test-pg</c> on 127.0.0.1:<see cref="Port"/>, created with Debian's
/// <c>initdb</c> and started with <c>pg_ctl</c> when it is not already running (as the postgres user when run as root).
/// The cluster is left running for the next test run; stop it with <c>pg_ctl -D $TMPDIR/stackmark-test-pg stop</c>.
/// </summary>
internal static class PostgresServer
{
    public const int Port = 55432;

    private static readonly Lazy<Task<(string? ConnectionString, string? Problem)>> Server = new(StartAsync);

    /// <summary>An admin connection string, or null with the reason PostgreSQL is unavailable.</summary>
    public static Task<(string? ConnectionString, string? Problem)> EnsureAsync() => Server.Value;

    private static async Task<(string?, string?)> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("STACKMARK_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return await CanConnectAsync(given) ? (given, null) : (null, "STACKMARK_TEST_POSTGRES is set but PostgreSQL does not answer");
        }

        var cs = $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5;Pooling=false";
        if (await CanConnectAsync(cs))
        {
            return (cs, null);
        }

        var bin = System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        bin ??= Tool.Find("initdb") is { } initdbOnPath ? Path.GetDirectoryName(initdbOnPath) : null;
        if (bin is null)
        {
            return (null, "PostgreSQL is not installed (Debian: apt-get install -y postgresql)");
        }

        var dir = Path.Combine(Path.GetTempPath(), "stackmark-test-pg");
        var asRoot = Environment.UserName == "root";
        string[] As(params string[] command) => asRoot ? ["-u", "postgres", "--", .. command] : command;
        var runner = asRoot ? Tool.Find("runuser") ?? "/usr/sbin/runuser" : null;
        (int, string) Exec(params string[] command) => runner is null ? Tool.Run(command[0], command[1..]) : Tool.Run(runner, As(command));

        if (!File.Exists(Path.Combine(dir, "PG_VERSION")))
        {
            System.IO.Directory.CreateDirectory(dir);
            if (asRoot)
            {
                Tool.Run("/bin/chown", "postgres:postgres", dir);
            }

            var (code, output) = Exec(Path.Combine(bin, "initdb"), "-D", dir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
            if (code != 0)
            {
                return (null, "initdb failed: " + output);
            }
        }

        var options = $"-c listen_addresses=127.0.0.1 -p {Port} -k {dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        var (started, log) = Exec(Path.Combine(bin, "pg_ctl"), "-D", dir, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60", "-o", options, "start");
        if (started != 0 && !await CanConnectAsync(cs))
        {
            return (null, "pg_ctl start failed: " + log);
        }

        return await CanConnectAsync(cs) ? (cs, null) : (null, "PostgreSQL started but does not answer on 127.0.0.1:" + Port);
    }

    private static async Task<bool> CanConnectAsync(string cs)
    {
        try
        {
            await using var c = new NpgsqlConnection(cs);
            await c.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public static async Task<string> CreateDatabaseAsync(string adminConnectionString)
    {
        var name = "stackmark_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var c = new NpgsqlConnection(adminConnectionString))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            await cmd.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, Pooling = true }.ToString();
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var name = b.Database!;
        NpgsqlConnection.ClearAllPools();
        b.Database = "postgres";
        b.Pooling = false;
        await using var c = new NpgsqlConnection(b.ToString());
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
        await cmd.ExecuteNonQueryAsync();
    }
}

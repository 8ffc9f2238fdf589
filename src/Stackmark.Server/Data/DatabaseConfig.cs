using System.Collections;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Stackmark.Server.Data;

/// <summary>Turns <see cref="RegistryOptions.Database"/> into a provider and connection string, and registers the context.</summary>
internal sealed record DatabaseConfig(bool IsPostgres, string ConnectionString)
{
    public static DatabaseConfig From(string? database)
    {
        if (string.IsNullOrWhiteSpace(database))
        {
            return new(false, new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(RegistryOptions.DefaultSqliteFile) }.ToString());
        }

        var d = database.Trim();
        if (d.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || d.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new(true, FromUrl(new Uri(d)));
        }

        if (d.StartsWith("Host=", StringComparison.OrdinalIgnoreCase) || d.StartsWith("postgres", StringComparison.OrdinalIgnoreCase))
        {
            return new(true, WithDefaults(new NpgsqlConnectionStringBuilder(d), Keys(d)));
        }

        return d.Contains('=', StringComparison.Ordinal)
            ? new(false, d)
            : new(false, new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(d) }.ToString());
    }

    public void Register(IServiceCollection services)
    {
        if (IsPostgres)
        {
            // One data source (one connection pool) for EF and for the upload path's batches (PostgresRunWriter), which
            // need no DbContext and so skip its per-request service setup.
            services.AddSingleton(_ => NpgsqlDataSource.Create(ConnectionString));
            services.AddDbContext<RegistryDbContext, PostgresRegistryDbContext>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        }
        else
        {
            services.AddDbContext<RegistryDbContext, SqliteRegistryDbContext>(o => o.UseSqlite(ConnectionString));
        }
    }

    // postgres://user:password@host:port/database?sslmode=… as libpq and most PaaS write it.
    private static string FromUrl(Uri url)
    {
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.IsDefaultPort || url.Port <= 0 ? 5432 : url.Port,
            Database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/')),
        };
        var userInfo = url.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            b.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length > 1)
        {
            b.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            b[Uri.UnescapeDataString(kv[0])] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
        }

        return WithDefaults(b, Keys(b.ToString()));
    }

    // The keys a connection string sets, as written (NpgsqlConnectionStringBuilder.ContainsKey answers for every known key).
    private static ICollection Keys(string connectionString) => new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys;

    // Npgsql prepares statements a connection runs again and again (upload, listing and key queries), which spares
    // PostgreSQL parsing and planning them on every request; an explicit Max Auto Prepare (0 turns it off) is kept.
    private static string WithDefaults(NpgsqlConnectionStringBuilder b, ICollection keys)
    {
        if (!keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            b.MaxAutoPrepare = 64;
        }

        return b.ToString();
    }
}

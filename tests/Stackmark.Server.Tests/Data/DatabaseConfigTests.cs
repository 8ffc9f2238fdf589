using Npgsql;
using Stackmark.Server.Data;

namespace Stackmark.Server.Tests.Data;

/// <summary>How <c>--database</c> becomes a provider and connection string.</summary>
public sealed class DatabaseConfigTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Database=registry")]
    [InlineData("postgres://u:p@127.0.0.1:5433/registry")]
    public void PostgreSQL_prepares_repeated_statements_unless_told_otherwise(string database)
    {
        var config = DatabaseConfig.From(database);
        Assert.True(config.IsPostgres);
        Assert.Equal(64, new NpgsqlConnectionStringBuilder(config.ConnectionString).MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Database=registry;Max Auto Prepare=0", 0)]
    [InlineData("Host=127.0.0.1;Database=registry;MaxAutoPrepare=8", 8)]
    [InlineData("postgres://u:p@127.0.0.1/registry?Max%20Auto%20Prepare=3", 3)]
    public void An_explicit_Max_Auto_Prepare_is_kept(string database, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(DatabaseConfig.From(database).ConnectionString).MaxAutoPrepare);
}

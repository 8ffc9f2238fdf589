using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Auth;
using Stackmark.Server.Http;

namespace Stackmark.Server.Data;

/// <summary>
/// At start-up, before the server listens: applies the provider's pending migrations, turns on SQLite's WAL journal,
/// and creates the bootstrap foundation admin.
/// </summary>
internal sealed partial class DatabaseInitializer(IServiceScopeFactory scopes, RegistryOptions options, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        LogMigrated(logger, db.Database.ProviderName ?? "?", pending.Count);

        if (options.BootstrapAdminPassword is { } password && !await db.Users.AnyAsync(u => u.UserName == options.BootstrapAdminUser, cancellationToken))
        {
            var admin = new RegistryUser
            {
                Id = Guid.CreateVersion7(),
                UserName = options.BootstrapAdminUser,
                IsFoundationAdmin = true,
                CreatedAt = Timestamps.Now(options.TimeProvider),
            };
            admin.PasswordHash = AuthApi.HashPassword(admin, password);
            db.Users.Add(admin);
            await db.SaveChangesAsync(cancellationToken);
            LogAdminCreated(logger, admin.UserName);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider}); {Count} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, string provider, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created foundation admin {User}")]
    private static partial void LogAdminCreated(ILogger logger, string user);
}

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ExternalConnections.Api.Data;

/// <summary>
/// Checks the connection string, waits for PostgreSQL and applies migrations before the service
/// takes requests. Every failure becomes a <see cref="StartupException"/> with one plain message.
/// </summary>
public static class DatabaseInitializer
{
    // Any fixed number: instances that share a database agree on it, so one migrates at a time.
    private const long MigrationLockKey = 0x45_78_74_43_6F_6E_6E;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public static async Task InitializeDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var target = DescribeTarget(app.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>();
        await WaitForDatabaseAsync(db, target, options.StartupTimeout, app.Logger, cancellationToken);

        if (options.MigrateOnStartup)
        {
            await MigrateAsync(db, app.Logger, cancellationToken);
        }
    }

    /// <summary>Returns host, port and database for messages; the password never leaves this method.</summary>
    private static string DescribeTarget(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StartupException(
                $"The connection string 'ConnectionStrings:{DatabaseOptions.ConnectionStringName}' is missing. "
                + "Set it in appsettings.json or in the environment variable ConnectionStrings__Postgres, "
                + "for example: Host=localhost;Port=5432;Database=external_connections;Username=app;Password=...");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (ArgumentException exception)
        {
            throw new StartupException(
                $"The connection string 'ConnectionStrings:{DatabaseOptions.ConnectionStringName}' is invalid: {exception.Message}");
        }
    }

    private static async Task WaitForDatabaseAsync(
        ConnectionsDbContext db,
        string target,
        TimeSpan timeout,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.CloseConnectionAsync();
                logger.LogInformation("Connected to PostgreSQL at {Target}", target);
                return;
            }
            catch (Exception exception) when (IsConnectionFailure(exception))
            {
                if (!IsWorthRetrying(exception) || stopwatch.Elapsed + RetryDelay > timeout)
                {
                    throw new StartupException(
                        $"Cannot connect to PostgreSQL at {target} after {attempt} attempt(s): {exception.Message}");
                }

                logger.LogWarning(
                    "PostgreSQL at {Target} is not reachable yet (attempt {Attempt}): {Reason}",
                    target,
                    attempt,
                    exception.Message);
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Applies pending migrations while holding a PostgreSQL advisory lock, so that instances
    /// starting together take turns: the first applies each migration, the others find none left.
    /// </summary>
    private static async Task MigrateAsync(ConnectionsDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);

            // Creating the history table first spares EF Core a failing query, logged as an error, on an empty database.
            var history = db.GetService<IHistoryRepository>();
            await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                logger.LogInformation("Database schema is up to date");
                return;
            }

            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, pending);
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Applied {Count} migration(s)", pending.Count);
        }
        catch (PostgresException exception)
        {
            throw new StartupException($"Applying database migrations failed: {exception.MessageText}");
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private static bool IsConnectionFailure(Exception exception) =>
        exception is NpgsqlException or TimeoutException or InvalidOperationException { InnerException: NpgsqlException };

    // Wrong passwords and missing databases do not fix themselves; refused connections may.
    private static bool IsWorthRetrying(Exception exception) =>
        exception is not PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification or PostgresErrorCodes.InvalidCatalogName };
}

using System.Data.Common;
using System.Diagnostics;
using ExternalConnections.Api.Infrastructure;
using ExternalConnections.Api.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace ExternalConnections.Api.Data;

/// <summary>
/// Checks the settings and the connection string, waits for PostgreSQL and applies migrations
/// before the service takes requests. Every failure becomes a <see cref="StartupException"/>
/// with one plain message.
/// </summary>
/// <remarks>
/// Only failures that may pass (a refused connection, a timeout) are retried until
/// <see cref="DatabaseOptions.StartupTimeout"/>; a wrong password or a missing database fails at once.
/// </remarks>
public static class DatabaseInitializer
{
    // Any fixed number: instances that share a database agree on it, so one migrates at a time.
    private const long MigrationLockKey = 0x45_78_74_43_6F_6E_6E;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(5);

    public static async Task InitializeDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var options = StartupSettings.Read<DatabaseOptions>(app.Services, DatabaseOptions.SectionName);
        var target = DescribeTarget(app.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>();
        await WaitForDatabaseAsync(db, target, options.StartupTimeout, app.Logger, cancellationToken);

        if (options.MigrateOnStartup)
        {
            await MigrateAsync(db, options.MigrationTimeout, app.Logger, cancellationToken);
        }
    }


    /// <summary>Returns host, port and database for messages; the password never leaves this method.</summary>
    private static string DescribeTarget(string? connectionString)
    {
        const string Setting = $"ConnectionStrings:{DatabaseOptions.ConnectionStringName}";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StartupException(
                $"The connection string '{Setting}' is missing. "
                + "Set it in appsettings.json or in the environment variable ConnectionStrings__Postgres, "
                + "for example: Host=localhost;Port=5432;Database=external_connections;Username=app;Password=...");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            throw new StartupException($"The connection string '{Setting}' is invalid: {exception.Message}");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new StartupException($"The connection string '{Setting}' is invalid: it has no Host.");
        }

        if (builder.Port is < 1 or > 65535)
        {
            throw new StartupException($"The connection string '{Setting}' is invalid: Port {builder.Port} is not between 1 and 65535.");
        }

        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    private static async Task WaitForDatabaseAsync(
        ConnectionsDbContext db,
        string target,
        TimeSpan timeout,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var nextWarningAt = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.CloseConnectionAsync();
                logger.LogInformation("Connected to PostgreSQL at {Target}", target);
                return;
            }
            catch (Exception exception) when (exception is DbException or TimeoutException or InvalidOperationException or ArgumentException)
            {
                var reason = Describe(exception);
                if (!DatabaseErrors.IsUnavailable(exception) || stopwatch.Elapsed + RetryDelay > timeout)
                {
                    throw new StartupException($"Cannot connect to PostgreSQL at {target} after {attempt} attempt(s): {reason}");
                }

                // One warning every few seconds shows that start-up is waiting, without a line per attempt.
                if (stopwatch.Elapsed >= nextWarningAt)
                {
                    logger.LogWarning("PostgreSQL at {Target} is not reachable yet (attempt {Attempt}): {Reason}", target, attempt, reason);
                    nextWarningAt = stopwatch.Elapsed + WarningInterval;
                }

                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Applies pending migrations while holding a PostgreSQL advisory lock, so that instances
    /// starting together take turns: the first applies each migration, the others find none left.
    /// </summary>
    private static async Task MigrateAsync(ConnectionsDbContext db, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        // Requests get Database:CommandTimeout, seconds; a migration, or the wait for another
        // instance's, may take minutes.
        db.Database.SetCommandTimeout(DatabaseOptions.WholeSeconds(timeout));
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
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
        catch (Exception exception) when (exception is DbException or InvalidOperationException)
        {
            throw new StartupException($"Applying database migrations failed: {Describe(exception)}");
        }
        finally
        {
            await ReleaseMigrationLockAsync(db);
            db.Database.SetCommandTimeout(null);
        }
    }

    private static async Task ReleaseMigrationLockAsync(ConnectionsDbContext db)
    {
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
        catch (DbException)
        {
            // The connection broke, and PostgreSQL released the session's lock with it.
        }
    }

    /// <summary>
    /// Returns the first Npgsql error in the chain, with its cause when that adds something: EF
    /// Core wraps connection failures in a message that names no reason.
    /// </summary>
    private static string Describe(Exception exception)
    {
        var npgsql = DatabaseErrors.FindNpgsqlError(exception);
        if (npgsql is null)
        {
            return exception.GetBaseException().Message;
        }

        var cause = npgsql.GetBaseException();
        return ReferenceEquals(cause, npgsql) ? npgsql.Message : $"{npgsql.Message} ({cause.Message})";
    }
}

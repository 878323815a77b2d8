using System.Net;
using ExternalConnections.Api.Tests.Infrastructure;
using Npgsql;

namespace ExternalConnections.Api.Tests.Resilience;

/// <summary>Graceful shutdown on SIGTERM and several instances starting on one empty database.</summary>
public sealed class ProcessLifecycleTests : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private string connectionString = string.Empty;

    public async Task InitializeAsync() => connectionString = await PostgresServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(connectionString);

    [Fact]
    public async Task Sigterm_FinishesInFlightRequestsThenExits()
    {
        await using var service = StartService(shutdownTimeout: "00:00:15");
        await service.WaitUntilReadyAsync(ReadyTimeout);
        using var client = service.CreateAdminClient();
        var (created, _) = await client.CreateConnectionAsync();

        await using var blocker = await LockRowAsync(created.Id());
        var inFlight = client.PatchConnectionAsync(created.Id(), """{"label":"finished during shutdown"}""");
        await WaitForLockWaiterAsync();
        service.Terminate();

        await WaitUntilNotListeningAsync(service);
        await blocker.DisposeAsync();
        using var finished = await inFlight;
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        Assert.Equal(0, await service.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Sigterm_WithRequestsStuckPastTheShutdownTimeout_ExitsInTime()
    {
        await using var service = StartService(shutdownTimeout: "00:00:02");
        await service.WaitUntilReadyAsync(ReadyTimeout);
        using var client = service.CreateAdminClient();
        var (created, _) = await client.CreateConnectionAsync();

        await using var blocker = await LockRowAsync(created.Id());
        var stuck = client.PatchConnectionAsync(created.Id(), """{"label":"never finishes"}""");
        await WaitForLockWaiterAsync();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        service.Terminate();

        await service.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(6), $"Exit took {stopwatch.Elapsed} with a 2 s shutdown timeout");
        await Assert.ThrowsAnyAsync<Exception>(() => stuck);
    }

    [Fact]
    public async Task ThreeInstances_StartingTogetherOnAnEmptyDatabase_AllBecomeReady()
    {
        var services = Enumerable.Range(0, 3).Select(_ => StartService(shutdownTimeout: "00:00:05")).ToArray();
        try
        {
            await Task.WhenAll(services.Select(service => service.WaitUntilReadyAsync(ReadyTimeout)));

            var outputs = services.Select(service => service.Output).ToArray();
            Assert.Equal(1, outputs.Count(output => output.Contains("Applying ", StringComparison.Ordinal)));
            Assert.Equal(2, outputs.Count(output => output.Contains("Database schema is up to date", StringComparison.Ordinal)));
            Assert.Equal(await CountMigrationsInAssemblyAsync(), await CountAppliedMigrationsAsync());
        }
        finally
        {
            foreach (var service in services)
            {
                await service.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Start_DuringSlowMigration_WaitsForTheLock()
    {
        // The advisory lock key under which the service migrates, held here as a slow instance would.
        const long MigrationLockKey = 0x45_78_74_43_6F_6E_6E;
        await using var otherInstance = new NpgsqlConnection(connectionString);
        await otherInstance.OpenAsync();
        await ExecuteAsync(otherInstance, $"SELECT pg_advisory_lock({MigrationLockKey})");

        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Database__CommandTimeout"] = "00:00:01",
        });
        await WaitForLockWaiterAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var exitedWhileWaiting = service.HasExited;
        await ExecuteAsync(otherInstance, $"SELECT pg_advisory_unlock({MigrationLockKey})");

        Assert.False(exitedWhileWaiting, $"The service gave up waiting for the migration lock. Output:{Environment.NewLine}{service.Output}");
        await service.WaitUntilReadyAsync(ReadyTimeout);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Waits until a session of the service waits for a lock: a row lock or the migration lock.</summary>
    private async Task WaitForLockWaiterAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
            connection);
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "No session of the service waited for a lock.");
            await Task.Delay(100);
        }
    }

    private static async Task WaitUntilNotListeningAsync(ServiceProcess service)
    {
        using var probe = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await probe.GetAsync("/health/live");
            }
            catch (HttpRequestException)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The service still accepted connections 10 s after SIGTERM.");
    }

    private ServiceProcess StartService(string shutdownTimeout) =>
        ServiceProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["ShutdownTimeout"] = shutdownTimeout,
            ["Database__CommandTimeout"] = "00:00:30",
        });

    private async Task<NpgsqlConnection> LockRowAsync(string id)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"BEGIN; SELECT 1 FROM external_connections WHERE id = '{id}' FOR UPDATE", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private async Task<long> CountAppliedMigrationsAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static Task<long> CountMigrationsInAssemblyAsync() =>
        Task.FromResult((long)typeof(Program).Assembly.GetTypes()
            .Count(type => type.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).Length > 0));
}

using System.Diagnostics;
using System.Net;
using ExternalConnections.Api.Tests.Infrastructure;
using Npgsql;

namespace ExternalConnections.Api.Tests.Resilience;

/// <summary>The service with a pool of two connections, which the tests keep busy.</summary>
public sealed class SmallPoolFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;

    public ApiFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync();
        Factory = new ApiFactory(ConnectionString, new Dictionary<string, string>
        {
            ["Database:MaxPoolSize"] = "2",
            ["Database:ConnectTimeout"] = "00:00:01",
            ["Database:CommandTimeout"] = "00:00:20",
        });
        Factory.StartServer();
        Client = Factory.CreateAdminClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }
}

/// <summary>More concurrent requests than pooled connections: a bounded wait, then 503, never a stall.</summary>
public sealed class PoolExhaustionTests(SmallPoolFixture fixture) : IClassFixture<SmallPoolFixture>
{
    private readonly HttpClient client = fixture.Client;

    [Fact]
    public async Task Requests_BeyondThePool_Get503QuicklyWhileTheServiceStaysResponsive()
    {
        var (created, _) = await client.CreateConnectionAsync();

        // Two patches wait on a row lock held here, and each holds one of the two pooled connections.
        await using var blocker = new NpgsqlConnection(fixture.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM external_connections WHERE id = '{created.Id()}' FOR UPDATE", blocker, transaction))
        {
            await lockRow.ExecuteNonQueryAsync();
        }

        var blockedPatches = Enumerable.Range(0, 2)
            .Select(index => client.PatchConnectionAsync(created.Id(), $$"""{"label":"blocked {{index}}"}"""))
            .ToArray();
        await WaitForLockWaitersAsync(expected: 2);

        var stopwatch = Stopwatch.StartNew();
        var overflow = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.ListConnectionsAsync("limit=1")));
        var overflowElapsed = stopwatch.Elapsed;
        stopwatch.Restart();
        using var live = await client.GetAsync("/health/live");
        var liveElapsed = stopwatch.Elapsed;

        Assert.All(overflow, response => Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode));
        Assert.True(overflowElapsed < TimeSpan.FromSeconds(4), $"20 requests beyond the pool took {overflowElapsed}");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.True(liveElapsed < TimeSpan.FromSeconds(1), $"/health/live took {liveElapsed} while the pool was exhausted");

        await transaction.RollbackAsync();
        var patched = await Task.WhenAll(blockedPatches);
        Assert.All(patched, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        foreach (var response in overflow.Concat(patched))
        {
            response.Dispose();
        }
    }

    /// <summary>
    /// Polls from a connection of its own: inside a transaction, PostgreSQL keeps showing the
    /// pg_stat_activity it read first.
    /// </summary>
    private async Task WaitForLockWaitersAsync(int expected)
    {
        await using var observer = new NpgsqlConnection(fixture.ConnectionString);
        await observer.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            await using var count = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", observer);
            if ((long)(await count.ExecuteScalarAsync())! >= expected)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Fewer than {expected} requests waited on the row lock within 10 s.");
    }
}

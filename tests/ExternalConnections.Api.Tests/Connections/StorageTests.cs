using ExternalConnections.Api.Tests.Infrastructure;
using Npgsql;

namespace ExternalConnections.Api.Tests.Connections;

/// <summary>What PostgreSQL holds after a write, read with SQL rather than through the API.</summary>
[Collection(ApiCollection.Name)]
public sealed class StorageTests(ApiFixture fixture)
{
    [Fact]
    public async Task LastSyncAt_AtTheFirstInstantOfYear1_IsStoredAsThatInstantNotInfinity()
    {
        var body = ConnectionsApi.NewBody();
        body["lastSyncAt"] = "0001-01-01T00:00:00Z";
        var (created, _) = await fixture.Client.CreateConnectionAsync(body);

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT isfinite(last_sync_at), extract(year FROM last_sync_at AT TIME ZONE 'UTC') FROM external_connections WHERE id = '{created.Id()}'",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        Assert.True(reader.GetBoolean(0));
        Assert.Equal(1m, reader.GetDecimal(1));
        Assert.Equal("0001-01-01T00:00:00.000000Z", created.GetProperty("lastSyncAt").GetString());
    }
}

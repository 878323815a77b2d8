using System.Net;
using ExternalConnections.Api.Tests.Infrastructure;
using Npgsql;

namespace ExternalConnections.Api.Tests.Operations;

/// <summary>Runs on a database of its own, because one test removes a migration from its history.</summary>
public sealed class HealthTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = fixture.Client;

    [Fact]
    public async Task Live_Returns200()
    {
        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await response.ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_WithMigratedDatabase_Returns200()
    {
        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_WithPendingMigration_Returns503ProblemUntilApplied()
    {
        var removed = await ExecuteAsync("DELETE FROM \"__EFMigrationsHistory\" RETURNING migration_id, product_version");
        try
        {
            using var response = await client.GetAsync("/health/ready");

            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("not up to date", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var (id, version) in removed)
            {
                await ExecuteAsync($"INSERT INTO \"__EFMigrationsHistory\" VALUES ('{id}', '{version}')");
            }
        }
    }

    private async Task<List<(string, string)>> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }
}

using System.Net;
using ExternalConnections.Api.Tests.Infrastructure;
using Npgsql;

namespace ExternalConnections.Api.Tests.Operations;

/// <summary>
/// Errors outside the connection rules. Runs on a database of its own, because one test
/// removes the table to make the service fail in a way no request can.
/// </summary>
public sealed class ErrorResponseTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string SecretMarker = "secret-marker-7f3a";

    private readonly HttpClient client = fixture.Client;

    [Theory]
    [InlineData("/nothing-here")]
    [InlineData("/api/v1/external-connections/a/b")]
    [InlineData("/api/v2/external-connections")]
    public async Task UnknownRoute_Returns404Problem(string path)
    {
        using var response = await client.GetAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnsupportedMethod_Returns405Problem()
    {
        using var response = await client.PutAsync($"{ConnectionsApi.BasePath}/{Guid.NewGuid()}", new StringContent("{}"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Response_HasNoServerHeader()
    {
        using var response = await client.GetAsync("/health/live");

        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task UnexpectedDatabaseError_Returns500ProblemWithoutExceptionText()
    {
        var (created, _) = await client.CreateConnectionAsync();
        await ExecuteAsync($"ALTER TABLE external_connections RENAME TO {SecretMarker.Replace('-', '_')}");
        try
        {
            using var response = await client.GetConnectionAsync(created.Id());

            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError);
            var text = problem.GetRawText();
            Assert.DoesNotContain("external_connections", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
            Assert.Contains(problem.GetProperty("traceId").GetString()!, fixture.Factory.Logs.Text, StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteAsync($"ALTER TABLE {SecretMarker.Replace('-', '_')} RENAME TO external_connections");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

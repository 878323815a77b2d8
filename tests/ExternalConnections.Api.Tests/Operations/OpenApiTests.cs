using System.Net;
using System.Text.Json;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Operations;

[Collection(ApiCollection.Name)]
public sealed class OpenApiTests(ApiFixture fixture)
{
    /// <summary>Set to 1 to rewrite docs/openapi.json from the running service.</summary>
    private const string UpdateVariable = "UPDATE_OPENAPI_DOCUMENT";

    private static readonly string CommittedDocument = Path.Combine(RepositoryPaths.Root, "docs", "openapi.json");

    private readonly HttpClient client = fixture.Client;

    [Fact]
    public async Task Document_ListsEveryOperation()
    {
        var document = await ReadDocumentAsync();

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => operation.Value.GetProperty("operationId").GetString()))
            .ToHashSet();
        string[] expected = ["CreateConnection", "GetConnection", "ListConnections", "UpdateConnection", "DeleteConnection"];
        foreach (var operationId in expected)
        {
            Assert.Contains(operationId, operations);
        }
    }

    [Fact]
    public async Task Document_MatchesTheCommittedCopy()
    {
        var live = await client.GetStringAsync("/swagger/v1/swagger.json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(CommittedDocument, live);
        }

        var committed = await File.ReadAllTextAsync(CommittedDocument);
        Assert.True(
            committed == live,
            $"docs/openapi.json differs from the service's document. Review the change, then run: {UpdateVariable}=1 dotnet test --filter OpenApiTests");
    }

    [Fact]
    public async Task Document_ApiOperations_DescribeRetryAfterOn429And503()
    {
        var document = await ReadDocumentAsync();

        var apiOperations = document.GetProperty("paths").EnumerateObject()
            .Where(path => path.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Name: $"{operation.Name} {path.Name}", operation.Value)));
        foreach (var (name, operation) in apiOperations)
        {
            foreach (var status in new[] { "429", "503" })
            {
                var response = operation.GetProperty("responses").GetProperty(status);
                Assert.True(
                    response.TryGetProperty("headers", out var headers) && headers.TryGetProperty("Retry-After", out _),
                    $"The {status} response of {name} does not list Retry-After.");
            }
        }
    }

    [Theory]
    [InlineData("ProblemDetails")]
    [InlineData("HttpValidationProblemDetails")]
    public async Task Document_ProblemSchema_ListsTraceId(string schema)
    {
        var document = await ReadDocumentAsync();

        var properties = document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties");
        Assert.True(properties.TryGetProperty("traceId", out _));
    }

    [Theory]
    [InlineData("ConnectionResponse", "workspaceId")]
    [InlineData("ConnectionResponse", "id")]
    [InlineData("ConnectionPage", "items")]
    public async Task Document_FieldThatIsNeverNull_IsNotNullable(string schema, string field)
    {
        var document = await ReadDocumentAsync();

        var property = document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties").GetProperty(field);
        Assert.False(property.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean());
    }

    [Fact]
    public async Task SwaggerUi_IsServedAtSwagger()
    {
        using var response = await client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<JsonElement> ReadDocumentAsync() =>
        JsonElement.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));
}

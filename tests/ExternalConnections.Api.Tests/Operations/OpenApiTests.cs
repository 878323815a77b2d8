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
        var document = JsonElement.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));

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
    public async Task SwaggerUi_IsServedAtSwagger()
    {
        using var response = await client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}

using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Connections;

[Collection(ApiCollection.Name)]
public sealed class CreateConnectionTests(ApiFixture fixture)
{
    private readonly HttpClient client = fixture.Client;

    [Fact]
    public async Task Create_WithRequiredFields_Returns201WithDefaults()
    {
        var body = ConnectionsApi.NewBody();

        using var response = await client.PostConnectionAsync(body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        Assert.Equal("active", created.GetProperty("connectionStatus").GetString());
        Assert.Equal("personal", created.GetProperty("connectionRole").GetString());
        Assert.False(created.GetProperty("aiAccessEnabled").GetBoolean());
        Assert.Equal($"{ConnectionsApi.BasePath}/{created.Id()}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
    }

    [Fact]
    public async Task Create_ReturnsEveryFieldWithNullForOptionalOnes()
    {
        var (created, _) = await client.CreateConnectionAsync();

        string[] optional =
        [
            "owningWorkspaceId", "owningUserId", "label", "scopesJson", "encryptedCredentialsRef",
            "externalPrincipalId", "configurationJson", "lastSyncAt", "externalSub",
        ];
        foreach (var name in optional)
        {
            Assert.Equal(JsonValueKind.Null, created.GetProperty(name).ValueKind);
        }

        Assert.Equal(19, created.EnumerateObject().Count());
    }

    [Fact]
    public async Task Create_WithAllFields_ReturnsWhatGetReturns()
    {
        var body = ConnectionsApi.NewBody();
        body["connectionStatus"] = "error";
        body["owningWorkspaceId"] = "owner-ws";
        body["owningUserId"] = "user-1";
        body["label"] = "Ops Slack ✓";
        body["scopesJson"] = new JsonArray("b", "a", "b");
        body["encryptedCredentialsRef"] = "vault://secret/slack";
        body["externalPrincipalId"] = "U123";
        body["configurationJson"] = JsonNode.Parse("""{"z":1,"a":{"deep":[1.50,"ü",null]},"big":12345678901234567890123}""");
        body["lastSyncAt"] = "2024-05-01T14:30:00.5+02:00";
        body["externalSub"] = "sub-1";
        body["connectionRole"] = "orchestrator";
        body["aiAccessEnabled"] = true;

        using var createResponse = await client.PostConnectionAsync(body);
        var created = await createResponse.ReadJsonAsync();
        using var getResponse = await client.GetConnectionAsync(created.Id());
        var fetched = await getResponse.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, createResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, getResponse.StatusCode);
        Assert.Equal(created.GetRawText(), fetched.GetRawText());
        Assert.Equal(createResponse.Headers.ETag, getResponse.Headers.ETag);
    }

    [Fact]
    public async Task Create_SetsCreatedAtAndUpdatedAtToOneInstant()
    {
        var (created, _) = await client.CreateConnectionAsync();

        Assert.Equal(created.GetProperty("createdAt").GetString(), created.GetProperty("updatedAt").GetString());
        Assert.EndsWith("Z", created.GetProperty("createdAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AssignsVersion7Uuid()
    {
        var (created, _) = await client.CreateConnectionAsync();

        var id = Guid.Parse(created.Id());
        Assert.Equal(7, id.Version);
    }

    [Theory]
    [InlineData("provider")]
    [InlineData("connectionType")]
    [InlineData("workspaceId")]
    [InlineData("visibilityMode")]
    public async Task Create_WithoutRequiredField_Returns400(string field)
    {
        var body = ConnectionsApi.NewBody();
        body.Remove(field);

        using var response = await client.PostConnectionAsync(body);

        await ProblemAssert.IsValidationErrorAsync(response, field, "Required");
    }

    [Theory]
    [InlineData("connectionStatus")]
    [InlineData("connectionRole")]
    [InlineData("aiAccessEnabled")]
    public async Task Create_WithNullForDefaultedField_Returns400(string field)
    {
        var body = ConnectionsApi.NewBody();
        body[field] = null;

        using var response = await client.PostConnectionAsync(body);

        await ProblemAssert.IsValidationErrorAsync(response, field, "Expected");
    }

    [Theory]
    [InlineData("id", "Read-only")]
    [InlineData("createdAt", "Read-only")]
    [InlineData("updatedAt", "Read-only")]
    [InlineData("workspace_id", "Unknown property")]
    [InlineData("Provider", "Unknown property")]
    public async Task Create_WithPropertyOutsideSchema_Returns400NamingIt(string property, string message)
    {
        var body = ConnectionsApi.NewBody();
        body[property] = "x";

        using var response = await client.PostConnectionAsync(body);

        await ProblemAssert.IsValidationErrorAsync(response, property, message);
    }

    [Theory]
    [InlineData("\"Slack\"")]
    [InlineData("\"SLACK\"")]
    [InlineData("0")]
    [InlineData("null")]
    public async Task Create_WithInvalidProvider_Returns400ListingAllowedValues(string value)
    {
        var body = ConnectionsApi.NewBody();
        body["provider"] = JsonNode.Parse(value);

        using var response = await client.PostConnectionAsync(body);

        var message = value == "null" ? "Required" : "google_workspace, telegram, whatsapp";
        await ProblemAssert.IsValidationErrorAsync(response, "provider", message);
    }
}

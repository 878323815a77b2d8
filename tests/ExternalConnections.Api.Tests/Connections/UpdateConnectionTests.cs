using System.Net;
using System.Text.Json;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Connections;

[Collection(ApiCollection.Name)]
public sealed class UpdateConnectionTests(ApiFixture fixture)
{
    private readonly HttpClient client = fixture.Client;

    [Fact]
    public async Task Patch_SetsPresentFieldsAndKeepsAbsentOnes()
    {
        var body = ConnectionsApi.NewBody();
        body["label"] = "Before";
        body["owningUserId"] = "user-1";
        var (created, _) = await client.CreateConnectionAsync(body);

        using var response = await client.PatchConnectionAsync(created.Id(), """{"label":"After","connectionStatus":"expired"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.ReadJsonAsync();
        Assert.Equal("After", updated.GetProperty("label").GetString());
        Assert.Equal("expired", updated.GetProperty("connectionStatus").GetString());
        Assert.Equal("user-1", updated.GetProperty("owningUserId").GetString());
    }

    [Theory]
    [InlineData("owningWorkspaceId", "\"ws-owner\"")]
    [InlineData("owningUserId", "\"user-1\"")]
    [InlineData("label", "\"Label\"")]
    [InlineData("scopesJson", "[\"read\"]")]
    [InlineData("encryptedCredentialsRef", "\"vault://x\"")]
    [InlineData("externalPrincipalId", "\"U1\"")]
    [InlineData("configurationJson", "{\"a\":1}")]
    [InlineData("lastSyncAt", "\"2024-01-01T00:00:00Z\"")]
    [InlineData("externalSub", "\"sub\"")]
    public async Task Patch_WithNull_ClearsOptionalField(string field, string value)
    {
        var body = ConnectionsApi.NewBody();
        body[field] = System.Text.Json.Nodes.JsonNode.Parse(value);
        var (created, _) = await client.CreateConnectionAsync(body);

        using var response = await client.PatchConnectionAsync(created.Id(), $$"""{"{{field}}":null}""");
        using var fetched = await client.GetConnectionAsync(created.Id());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await response.ReadJsonAsync()).GetProperty(field).ValueKind);
        Assert.Equal(JsonValueKind.Null, (await fetched.ReadJsonAsync()).GetProperty(field).ValueKind);
    }

    [Fact]
    public async Task Patch_WithoutConnectionStatus_KeepsTheStoredStatus()
    {
        var body = ConnectionsApi.NewBody();
        body["connectionStatus"] = "revoked";
        var (created, _) = await client.CreateConnectionAsync(body);

        using var response = await client.PatchConnectionAsync(created.Id(), """{"label":"x"}""");

        Assert.Equal("revoked", (await response.ReadJsonAsync()).GetProperty("connectionStatus").GetString());
    }

    [Fact]
    public async Task Patch_ThatChangesAValue_AdvancesUpdatedAtAndETag()
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), """{"aiAccessEnabled":true}""");

        var updated = await response.ReadJsonAsync();
        Assert.NotEqual(etag, response.Headers.ETag?.ToString());
        Assert.True(
            DateTimeOffset.Parse(updated.GetProperty("updatedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            > DateTimeOffset.Parse(created.GetProperty("updatedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(created.GetProperty("createdAt").GetString(), updated.GetProperty("createdAt").GetString());
    }

    [Fact]
    public async Task Patch_WithTheStoredValues_ChangesNothing()
    {
        var body = ConnectionsApi.NewBody();
        body["label"] = "Same";
        body["scopesJson"] = new System.Text.Json.Nodes.JsonArray("a", "b");
        body["configurationJson"] = System.Text.Json.Nodes.JsonNode.Parse("""{"b":1.0,"a":[1,2]}""");
        body["lastSyncAt"] = "2024-05-01T14:30:00+02:00";
        var (created, etag) = await client.CreateConnectionAsync(body);

        using var response = await client.PatchConnectionAsync(
            created.Id(),
            """{"label":"Same","scopesJson":["a","b"],"configurationJson":{"a":[1,2],"b":1},"lastSyncAt":"2024-05-01T12:30:00Z","connectionStatus":"active"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag?.ToString());
        Assert.Equal(created.GetRawText(), (await response.ReadJsonAsync()).GetRawText());
    }

    [Fact]
    public async Task Patch_EmptyObject_ReturnsTheRecordUnchanged()
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), "{}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Patch_ConfigurationJson_ReplacesTheWholeObject()
    {
        var body = ConnectionsApi.NewBody();
        body["configurationJson"] = System.Text.Json.Nodes.JsonNode.Parse("""{"keep":1,"nested":{"a":1}}""");
        var (created, _) = await client.CreateConnectionAsync(body);

        using var response = await client.PatchConnectionAsync(created.Id(), """{"configurationJson":{"nested":{"b":2}}}""");

        var configuration = (await response.ReadJsonAsync()).GetProperty("configurationJson");
        Assert.False(configuration.TryGetProperty("keep", out _));
        Assert.False(configuration.GetProperty("nested").TryGetProperty("a", out _));
        Assert.Equal(2, configuration.GetProperty("nested").GetProperty("b").GetInt32());
    }

    [Fact]
    public async Task Patch_ResponseEqualsLaterGet()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var patched = await client.PatchConnectionAsync(
            created.Id(),
            """{"configurationJson":{"z":1e3,"a":"ü"},"lastSyncAt":"2024-05-01T14:30:00.1234567+02:00","scopesJson":[]}""");
        using var fetched = await client.GetConnectionAsync(created.Id());

        Assert.Equal((await patched.ReadJsonAsync()).GetRawText(), (await fetched.ReadJsonAsync()).GetRawText());
        Assert.Equal(patched.Headers.ETag, fetched.Headers.ETag);
    }

    [Fact]
    public async Task Patch_WithApplicationJson_IsAccepted()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), """{"label":"x"}""", contentType: "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Patch_WithTextPlain_Returns415()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), """{"label":"x"}""", contentType: "text/plain");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Patch_UnknownId_Returns404Problem()
    {
        using var response = await client.PatchConnectionAsync(Guid.NewGuid().ToString(), """{"label":"x"}""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("provider", "\"jira\"")]
    [InlineData("connectionType", "\"webhook\"")]
    [InlineData("workspaceId", "\"other\"")]
    [InlineData("visibilityMode", "\"global\"")]
    public async Task Patch_FieldFixedAtCreation_Returns400(string field, string value)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), $$"""{"{{field}}":{{value}}}""");

        await ProblemAssert.IsValidationErrorAsync(response, field, "Cannot be changed");
    }

    [Theory]
    [InlineData("id")]
    [InlineData("createdAt")]
    [InlineData("updatedAt")]
    public async Task Patch_ReadOnlyField_Returns400(string field)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), $$"""{"{{field}}":"x"}""");

        await ProblemAssert.IsValidationErrorAsync(response, field, "Read-only");
    }

    [Theory]
    [InlineData("connectionStatus")]
    [InlineData("connectionRole")]
    [InlineData("aiAccessEnabled")]
    public async Task Patch_NullForFieldThatAlwaysHasAValue_Returns400(string field)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), $$"""{"{{field}}":null}""");

        await ProblemAssert.IsValidationErrorAsync(response, field, "null is not allowed");
    }

    [Fact]
    public async Task Patch_UnknownProperty_Returns400AndChangesNothing()
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), """{"label":"x","Label":"y"}""");
        using var fetched = await client.GetConnectionAsync(created.Id());

        await ProblemAssert.IsValidationErrorAsync(response, "Label", "Unknown property");
        Assert.Equal(etag, fetched.Headers.ETag?.ToString());
    }
}

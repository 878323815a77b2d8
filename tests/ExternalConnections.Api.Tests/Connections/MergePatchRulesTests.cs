using System.Net;
using System.Text.Json.Nodes;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Connections;

/// <summary>
/// Which members a JSON Merge Patch may carry: fields that always have a value reject null,
/// fields fixed at creation and fields the service sets reject any value, and unknown names are
/// rejected by name. A rejected patch changes nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MergePatchRulesTests(ApiFixture fixture)
{
    private readonly HttpClient client = fixture.Client;

    /// <summary>Fields fixed at creation, each with its current value and with another valid value.</summary>
    public static TheoryData<string, string> FixedFields => new()
    {
        { "provider", "\"slack\"" },
        { "provider", "\"github\"" },
        { "provider", "null" },
        { "connectionType", "\"bot_token\"" },
        { "connectionType", "\"webhook\"" },
        { "workspaceId", "\"ws-other\"" },
        { "workspaceId", "null" },
        { "visibilityMode", "\"workspace_local\"" },
        { "visibilityMode", "\"global\"" },
    };

    public static TheoryData<string, string> ReadOnlyFields => new()
    {
        { "id", "\"00000000-0000-0000-0000-000000000000\"" },
        { "id", "null" },
        { "createdAt", "\"2024-05-01T12:30:00Z\"" },
        { "updatedAt", "\"2024-05-01T12:30:00Z\"" },
        { "updatedAt", "null" },
    };

    [Theory]
    [InlineData("connectionStatus")]
    [InlineData("connectionRole")]
    [InlineData("aiAccessEnabled")]
    public async Task Patch_WithNullForAlwaysSetField_Returns400(string field)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), new JsonObject { [field] = null }.ToJsonString());

        await ProblemAssert.IsValidationErrorAsync(response, field, "Expected");
        await client.AssertUnchangedAsync(created);
    }

    [Theory]
    [MemberData(nameof(FixedFields))]
    public async Task Patch_WithFixedField_Returns400(string field, string rawValue)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), new JsonObject().WithMember(field, rawValue));

        await ProblemAssert.IsValidationErrorAsync(response, field, "Cannot be changed");
        await client.AssertUnchangedAsync(created);
    }

    [Theory]
    [MemberData(nameof(ReadOnlyFields))]
    public async Task Patch_WithReadOnlyField_Returns400(string field, string rawValue)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), new JsonObject().WithMember(field, rawValue));

        await ProblemAssert.IsValidationErrorAsync(response, field, "Read-only");
        await client.AssertUnchangedAsync(created);
    }

    [Theory]
    [InlineData("unknownField")]
    [InlineData("Label")]
    [InlineData("scopes_json")]
    [InlineData("scopes")]
    [InlineData("configuration")]
    [InlineData("version")]
    [InlineData("")]
    public async Task Patch_WithUnknownProperty_Returns400(string field)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), new JsonObject().WithMember(field, "\"x\""));

        await ProblemAssert.IsValidationErrorAsync(response, field, "Unknown property");
        await client.AssertUnchangedAsync(created);
    }

    [Fact]
    public async Task Patch_WithUnknownProperty_ListsAllowedNames()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), """{"labels":"x"}""");

        var problem = await ProblemAssert.IsValidationErrorAsync(response, "labels", "label");
        Assert.Contains(problem.ErrorsAt("labels"), message => message.Contains("configurationJson", StringComparison.Ordinal));
        Assert.DoesNotContain(problem.ErrorsAt("labels"), message => message.Contains("provider", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Patch_With21UnknownProperties_ListsTwenty()
    {
        var (created, _) = await client.CreateConnectionAsync();
        var patch = new JsonObject();
        for (var index = 0; index < 21; index++)
        {
            patch[$"extra{index:D2}"] = index;
        }

        using var response = await client.PatchConnectionAsync(created.Id(), patch.ToJsonString());

        var problem = await ProblemAssert.IsValidationErrorAsync(response, "$", "1 more unknown properties");
        Assert.NotEmpty(problem.ErrorsAt("extra00"));
        Assert.Empty(problem.ErrorsAt("extra20"));
    }

    [Fact]
    public async Task Patch_WithSeveralRejectedFields_ReportsEach()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), """{"provider":"github","id":"x","other":1,"label":""}""");

        var problem = await ProblemAssert.IsValidationErrorAsync(response, "provider", "Cannot be changed");
        Assert.Contains(problem.ErrorsAt("id"), message => message.Contains("Read-only", StringComparison.Ordinal));
        Assert.Contains(problem.ErrorsAt("other"), message => message.Contains("Unknown property", StringComparison.Ordinal));
        Assert.Contains(problem.ErrorsAt("label"), message => message.Contains("blank", StringComparison.Ordinal));
        await client.AssertUnchangedAsync(created);
    }

    [Theory]
    [InlineData("connectionStatus", "\"revoked\"")]
    [InlineData("connectionRole", "\"orchestrator\"")]
    [InlineData("aiAccessEnabled", "true")]
    public async Task Patch_WithAlwaysSetField_StoresValue(string field, string rawValue)
    {
        var (created, _) = await client.CreateConnectionAsync();

        var stored = await client.PatchAndGetAsync(created.Id(), new JsonObject().WithMember(field, rawValue));

        Assert.Equal(rawValue, stored.GetProperty(field).GetRawText());
    }

    [Fact]
    public async Task Patch_WithEmptyObject_ChangesNothing()
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), "{}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag?.ToString());
        await client.AssertUnchangedAsync(created);
    }

    [Fact]
    public async Task Patch_WithAbsentMembers_KeepsTheirValues()
    {
        var body = ConnectionsApi.NewBody();
        body["label"] = "keep";
        body["scopesJson"] = new JsonArray("read");
        body["configurationJson"] = new JsonObject { ["a"] = 1 };
        body["lastSyncAt"] = "2024-05-01T12:30:00Z";
        var (created, _) = await client.CreateConnectionAsync(body);

        var stored = await client.PatchAndGetAsync(created.Id(), """{"owningUserId":"user-2"}""");

        Assert.Equal("keep", stored.GetProperty("label").GetString());
        Assert.Equal("read", stored.GetProperty("scopesJson")[0].GetString());
        Assert.Equal(1, stored.GetProperty("configurationJson").GetProperty("a").GetInt32());
        Assert.Equal("2024-05-01T12:30:00.000000Z", stored.GetProperty("lastSyncAt").GetString());
        Assert.Equal("user-2", stored.GetProperty("owningUserId").GetString());
    }
}

using System.Net;
using System.Text.Json.Nodes;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Connections;

[Collection(ApiCollection.Name)]
public sealed class IdempotentCreateTests(ApiFixture fixture)
{
    private readonly HttpClient client = fixture.Client;

    [Fact]
    public async Task Create_RetriedWithSameKey_ReturnsTheFirstResult()
    {
        var body = ConnectionsApi.NewBody();
        var key = Guid.NewGuid().ToString();

        using var first = await client.PostConnectionAsync(body, key);
        using var retry = await client.PostConnectionAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.ReadJsonAsync()).GetRawText(), (await retry.ReadJsonAsync()).GetRawText());
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(1, await CountInWorkspaceAsync(body["workspaceId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Create_WithSameKeyAtTheSameTime_StoresOneRecord()
    {
        var body = ConnectionsApi.NewBody();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PostConnectionAsync(body, key)));
        var ids = await Task.WhenAll(responses.Select(async response => (await response.ReadJsonAsync()).Id()));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await CountInWorkspaceAsync(body["workspaceId"]!.GetValue<string>()));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Create_WithSameKeyAndDifferentBody_Returns422()
    {
        var body = ConnectionsApi.NewBody();
        var key = Guid.NewGuid().ToString();
        using var first = await client.PostConnectionAsync(body, key);
        body["label"] = "different";

        using var second = await client.PostConnectionAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await CountInWorkspaceAsync(body["workspaceId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Create_RetriedWithRespelledConfiguration_ReturnsTheFirst()
    {
        var body = ConnectionsApi.NewBody();
        body["configurationJson"] = JsonNode.Parse("""{"a":1,"b":{"c":[1.50,2]}}""");
        var respelled = body.DeepClone().AsObject();
        respelled["configurationJson"] = JsonNode.Parse("""{ "b": { "c": [15e-1, 2.0] }, "a": 1.0 }""");
        var key = Guid.NewGuid().ToString();

        using var first = await client.PostConnectionAsync(body, key);
        using var retry = await client.PostConnectionAsync(respelled, key);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.ReadJsonAsync()).Id(), (await retry.ReadJsonAsync()).Id());
    }

    [Theory]
    [InlineData("""{"a":1}""", """{"a":"1"}""")]
    [InlineData("""{"a":1}""", """{"a":10}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""")]
    [InlineData("""{"a":{}}""", """{"a":[]}""")]
    public async Task Create_WithSameKeyAndUnequalConfiguration_Returns422(string configuration, string other)
    {
        var body = ConnectionsApi.NewBody();
        body["configurationJson"] = JsonNode.Parse(configuration);
        var key = Guid.NewGuid().ToString();
        using var first = await client.PostConnectionAsync(body, key);
        body["configurationJson"] = JsonNode.Parse(other);

        using var second = await client.PostConnectionAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Create_RetriedAfterTheRecordChanged_StillReturnsTheFirstResult()
    {
        var body = ConnectionsApi.NewBody();
        var key = Guid.NewGuid().ToString();
        using var first = await client.PostConnectionAsync(body, key);
        var created = await first.ReadJsonAsync();
        using var patch = await client.PatchConnectionAsync(created.Id(), """{"label":"changed later"}""");

        using var retry = await client.PostConnectionAsync(body, key);

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(created.GetRawText(), (await retry.ReadJsonAsync()).GetRawText());
    }

    [Fact]
    public async Task Create_WithKeyOfARejectedRequest_CreatesOnTheNextTry()
    {
        var body = ConnectionsApi.NewBody();
        var key = Guid.NewGuid().ToString();
        body["label"] = " ";
        using var rejected = await client.PostConnectionAsync(body, key);
        body["label"] = "valid";

        using var accepted = await client.PostConnectionAsync(body, key);

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task Create_WithExpiredKey_CreatesASecondRecord()
    {
        // A host of its own on the same database, so that moving its clock a day ahead leaves the
        // other tests of the collection on the real date.
        await using var factory = new ApiFactory(fixture.ConnectionString);
        using var ownClient = factory.CreateAdminClient();
        var body = ConnectionsApi.NewBody();
        var key = Guid.NewGuid().ToString();
        using var first = await ownClient.PostConnectionAsync(body, key);

        factory.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        using var second = await ownClient.PostConnectionAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.NotEqual((await first.ReadJsonAsync()).Id(), (await second.ReadJsonAsync()).Id());
        Assert.Equal(2, await CountInWorkspaceAsync(body["workspaceId"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tab\tinside")]
    [InlineData("first,second")]
    public async Task Create_WithInvalidKey_Returns400NamingTheHeader(string key)
    {
        using var response = await client.PostConnectionAsync(ConnectionsApi.NewBody(), key);

        await ProblemAssert.IsValidationErrorAsync(response, "Idempotency-Key", "visible ASCII");
    }

    [Fact]
    public async Task Create_WithKeyOf256Characters_Returns400()
    {
        using var response = await client.PostConnectionAsync(ConnectionsApi.NewBody(), new string('k', 256));

        await ProblemAssert.IsValidationErrorAsync(response, "Idempotency-Key", "1 to 255");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Create_WithKeyFromTokenWithoutSubject_Returns400AndStoresNothing(string? subject)
    {
        var body = ConnectionsApi.NewBody();
        using var anonymous = fixture.Factory.CreateClientWithToken(TestTokens.Create(subject, roles: [TestTokens.AdminRole]));

        using var response = await anonymous.PostConnectionAsync(body, Guid.NewGuid().ToString());

        await ProblemAssert.IsValidationErrorAsync(response, "Idempotency-Key", "subject (sub)");
        Assert.Equal(0, await CountInWorkspaceAsync(body["workspaceId"]!.GetValue<string>()));
    }

    private async Task<int> CountInWorkspaceAsync(string workspaceId)
    {
        using var response = await client.ListConnectionsAsync($"workspaceId={workspaceId}");
        return (await response.ReadJsonAsync()).GetProperty("items").GetArrayLength();
    }
}

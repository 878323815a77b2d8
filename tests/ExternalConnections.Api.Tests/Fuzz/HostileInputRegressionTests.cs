using System.Net;
using System.Text.Json.Nodes;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Fuzz;

/// <summary>Requests that the hostile-input properties found to fail, kept as plain cases.</summary>
[Collection(ApiCollection.Name)]
public sealed class HostileInputRegressionTests(ApiFixture fixture)
{
    private readonly HttpClient client = fixture.Client;

    [Theory]
    [InlineData("٢٠٢٤-01-01T00:00:00Z")]
    [InlineData("2024-01-01T00:00:00.٢Z")]
    [InlineData("2024-01-01T00:00:00+٠١:00")]
    [InlineData("２０２４-01-01T00:00:00Z")]
    public async Task Create_DateTimeWithNonAsciiDigits_Returns400(string lastSyncAt)
    {
        var body = ConnectionsApi.NewBody();
        body["lastSyncAt"] = lastSyncAt;

        using var response = await client.PostConnectionAsync(body);

        await ProblemAssert.IsValidationErrorAsync(response, "lastSyncAt", "RFC 3339");
    }

    [Theory]
    [InlineData("2024-01-01T00:00:00Z\n")]
    [InlineData("2024-01-01T00:00:00+01:00\n")]
    public async Task Create_DateTimeWithTrailingNewline_Returns400(string lastSyncAt)
    {
        var body = ConnectionsApi.NewBody();
        body["lastSyncAt"] = lastSyncAt;

        using var response = await client.PostConnectionAsync(body);

        await ProblemAssert.IsValidationErrorAsync(response, "lastSyncAt", "RFC 3339");
    }

    [Theory]
    [InlineData("application/json; charset=nonsense")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=utf-8; charset=latin1")]
    public async Task Create_WithCharsetOtherThanUtf8_Returns415(string contentType)
    {
        using var response = await client.PostConnectionAsync(ConnectionsApi.NewBody().ToJsonString(), contentType);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("charset", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/merge-patch+json; charset=nonsense")]
    [InlineData("application/json; charset=latin1")]
    public async Task Patch_WithCharsetOtherThanUtf8_Returns415(string contentType)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), "{\"label\":\"x\"}", contentType: contentType);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("{\"provider\":\"slack\",\"\\ud800\":1}", "$")]
    [InlineData("{\"configurationJson\":{\"\\udfff\":1}}", "configurationJson")]
    [InlineData("{\"configurationJson\":{\"a\":{\"b\":1,\"\\ud800x\":2}}}", "configurationJson.a")]
    [InlineData("{\"provider\":\"\\ud800\"}", "provider")]
    [InlineData("{\"lastSyncAt\":\"2024\\udc00\"}", "lastSyncAt")]
    public async Task Create_UnpairedSurrogateEscape_Returns400(string json, string key)
    {
        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, key, "unpaired UTF-16 surrogate");
    }

    [Theory]
    [InlineData("\"01\"")]
    [InlineData("\"001\", \"2\"")]
    public async Task Delete_IfMatchWithLeadingZero_Returns412(string ifMatch)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.DeleteConnectionAsync(created.Id(), ifMatch);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionFailed);
        using var get = await client.GetConnectionAsync(created.Id());
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"deep\"")]
    [InlineData("null")]
    public async Task Create_ConfigurationWith32LevelsAndLeaf_Returns201(string leaf)
    {
        var body = ConnectionsApi.NewBody();
        body["configurationJson"] = JsonNode.Parse(Nest(leaf, levels: 32));

        using var response = await client.PostConnectionAsync(body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Create_ConfigurationWith33Levels_Returns400()
    {
        var body = ConnectionsApi.NewBody();
        body["configurationJson"] = JsonNode.Parse(Nest("{}", levels: 32));

        using var response = await client.PostConnectionAsync(body);

        await ProblemAssert.IsValidationErrorAsync(response, "configurationJson" + string.Concat(Enumerable.Repeat(".a", 32)), "Nested too deeply");
    }

    /// <summary>Wraps <paramref name="leaf"/> in <paramref name="levels"/> objects, each with the one key "a".</summary>
    private static string Nest(string leaf, int levels)
    {
        var json = leaf;
        for (var level = 0; level < levels; level++)
        {
            json = "{\"a\":" + json + "}";
        }

        return json;
    }
}

using System.Net;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Connections;

/// <summary>ETags, If-Match and concurrent writers (RFC 9110, section 13).</summary>
[Collection(ApiCollection.Name)]
public sealed class ConditionalUpdateTests(ApiFixture fixture)
{
    private readonly HttpClient client = fixture.Client;

    [Fact]
    public async Task Patch_WithCurrentIfMatch_Returns200WithNewETag()
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), """{"label":"x"}""", ifMatch: etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Patch_WithStaleIfMatch_Returns412AndChangesNothing()
    {
        var (created, staleETag) = await client.CreateConnectionAsync();
        using var first = await client.PatchConnectionAsync(created.Id(), """{"label":"first"}""");

        using var response = await client.PatchConnectionAsync(created.Id(), """{"label":"second"}""", ifMatch: staleETag);
        using var fetched = await client.GetConnectionAsync(created.Id());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal("first", (await fetched.ReadJsonAsync()).GetProperty("label").GetString());
    }

    [Theory]
    [InlineData("*")]
    [InlineData("\"999\", {0}")]
    public async Task Patch_WithIfMatchNamingTheRecord_Applies(string headerTemplate)
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(
            created.Id(),
            """{"label":"x"}""",
            ifMatch: string.Format(System.Globalization.CultureInfo.InvariantCulture, headerTemplate, etag));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Patch_WithWeakIfMatch_Returns412BecauseIfMatchComparesStrongly()
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), """{"label":"x"}""", ifMatch: $"W/{etag}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Patch_WithIfMatchOnUnknownId_Returns404()
    {
        using var response = await client.PatchConnectionAsync(Guid.NewGuid().ToString(), """{"label":"x"}""", ifMatch: "\"1\"");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("*, \"1\"")]
    public async Task Patch_WithMalformedIfMatch_Returns400(string ifMatch)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), """{"label":"x"}""", ifMatch: ifMatch);

        await ProblemAssert.IsValidationErrorAsync(response, "If-Match", "entity tags");
    }

    [Fact]
    public async Task ETag_DiffersForEveryStoredVersion()
    {
        var (created, etag) = await client.CreateConnectionAsync();
        var seen = new HashSet<string> { etag };

        for (var version = 0; version < 5; version++)
        {
            using var response = await client.PatchConnectionAsync(created.Id(), $$"""{"label":"v{{version}}"}""");
            Assert.True(seen.Add(response.Headers.ETag!.ToString()), $"ETag {response.Headers.ETag} repeated");
        }
    }

    [Fact]
    public async Task ConcurrentPatchesOfDifferentFields_KeepEveryChange()
    {
        var (created, _) = await client.CreateConnectionAsync();
        string[] patches =
        [
            """{"label":"L"}""", """{"owningUserId":"U"}""", """{"owningWorkspaceId":"W"}""",
            """{"externalPrincipalId":"P"}""", """{"externalSub":"S"}""", """{"connectionStatus":"error"}""",
            """{"connectionRole":"orchestrator"}""", """{"aiAccessEnabled":true}""", """{"scopesJson":["s"]}""",
            """{"configurationJson":{"k":1}}""", """{"lastSyncAt":"2024-01-01T00:00:00Z"}""", """{"encryptedCredentialsRef":"R"}""",
        ];

        var responses = await Task.WhenAll(patches.Select(patch => client.PatchConnectionAsync(created.Id(), patch)));
        using var fetched = await client.GetConnectionAsync(created.Id());
        var stored = await fetched.ReadJsonAsync();

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal("L", stored.GetProperty("label").GetString());
        Assert.Equal("U", stored.GetProperty("owningUserId").GetString());
        Assert.Equal("W", stored.GetProperty("owningWorkspaceId").GetString());
        Assert.Equal("P", stored.GetProperty("externalPrincipalId").GetString());
        Assert.Equal("S", stored.GetProperty("externalSub").GetString());
        Assert.Equal("error", stored.GetProperty("connectionStatus").GetString());
        Assert.Equal("orchestrator", stored.GetProperty("connectionRole").GetString());
        Assert.True(stored.GetProperty("aiAccessEnabled").GetBoolean());
        Assert.Equal("s", stored.GetProperty("scopesJson")[0].GetString());
        Assert.Equal(1, stored.GetProperty("configurationJson").GetProperty("k").GetInt32());
        Assert.Equal("2024-01-01T00:00:00.000000Z", stored.GetProperty("lastSyncAt").GetString());
        Assert.Equal("R", stored.GetProperty("encryptedCredentialsRef").GetString());
        Assert.Equal($"\"{patches.Length + 1}\"", fetched.Headers.ETag?.ToString());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task ConcurrentPatchesWithOneIfMatch_LetExactlyOneWin()
    {
        var (created, etag) = await client.CreateConnectionAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(index =>
            client.PatchConnectionAsync(created.Id(), $$"""{"label":"writer {{index}}"}""", ifMatch: etag)));

        Assert.Equal(1, responses.Count(response => response.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, responses.Count(response => response.StatusCode == HttpStatusCode.PreconditionFailed));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task ConcurrentPatchesAndDeletes_AnswerOnly200_204_404_Or412()
    {
        var (created, etag) = await client.CreateConnectionAsync();
        var id = created.Id();

        var requests = Enumerable.Range(0, 12).Select(index => (index % 4) switch
        {
            0 => client.DeleteConnectionAsync(id),
            1 => client.DeleteConnectionAsync(id, ifMatch: etag),
            2 => client.PatchConnectionAsync(id, """{"label":"x"}""", ifMatch: etag),
            _ => client.PatchConnectionAsync(id, $$"""{"label":"y{{index}}"}"""),
        });
        var responses = await Task.WhenAll(requests);

        HttpStatusCode[] allowed = [HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.NotFound, HttpStatusCode.PreconditionFailed];
        Assert.All(responses, response => Assert.Contains(response.StatusCode, allowed));
        Assert.Equal(1, responses.Count(response => response.StatusCode == HttpStatusCode.NoContent));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}

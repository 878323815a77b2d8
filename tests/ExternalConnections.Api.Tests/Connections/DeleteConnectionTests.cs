using System.Net;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Connections;

[Collection(ApiCollection.Name)]
public sealed class DeleteConnectionTests(ApiFixture fixture)
{
    private readonly HttpClient client = fixture.Client;

    [Fact]
    public async Task Delete_Existing_Returns204AndRemovesTheRecord()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.DeleteConnectionAsync(created.Id());
        using var fetched = await client.GetConnectionAsync(created.Id());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, fetched.StatusCode);
    }

    [Fact]
    public async Task Delete_UnknownId_Returns404Problem()
    {
        using var response = await client.DeleteConnectionAsync(Guid.NewGuid().ToString());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_Twice_Returns404TheSecondTime()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var first = await client.DeleteConnectionAsync(created.Id());
        using var second = await client.DeleteConnectionAsync(created.Id());

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_WithCurrentIfMatch_Returns204()
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await client.DeleteConnectionAsync(created.Id(), ifMatch: etag);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Delete_WithStaleIfMatch_Returns412AndKeepsTheRecord()
    {
        var (created, staleETag) = await client.CreateConnectionAsync();
        using var patch = await client.PatchConnectionAsync(created.Id(), """{"label":"changed"}""");

        using var response = await client.DeleteConnectionAsync(created.Id(), ifMatch: staleETag);
        using var fetched = await client.GetConnectionAsync(created.Id());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("\"1\"")]
    public async Task Delete_WithIfMatchOnUnknownId_Returns404(string ifMatch)
    {
        using var response = await client.DeleteConnectionAsync(Guid.NewGuid().ToString(), ifMatch);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_WithIfMatchStar_DeletesAnExistingRecord()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.DeleteConnectionAsync(created.Id(), ifMatch: "*");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Delete_WithMalformedIfMatch_Returns400AndKeepsTheRecord()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.DeleteConnectionAsync(created.Id(), ifMatch: "no-quotes");
        using var fetched = await client.GetConnectionAsync(created.Id());

        await ProblemAssert.IsValidationErrorAsync(response, "If-Match", "entity tags");
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
    }
}

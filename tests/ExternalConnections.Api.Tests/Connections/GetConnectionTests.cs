using System.Net;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Connections;

[Collection(ApiCollection.Name)]
public sealed class GetConnectionTests(ApiFixture fixture)
{
    private readonly HttpClient client = fixture.Client;

    [Fact]
    public async Task Get_Existing_Returns200WithTheCreateETag()
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await client.GetConnectionAsync(created.Id());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag?.ToString());
        Assert.Equal(created.GetRawText(), (await response.ReadJsonAsync()).GetRawText());
    }

    [Fact]
    public async Task Get_UnknownId_Returns404Problem()
    {
        using var response = await client.GetConnectionAsync(Guid.NewGuid().ToString());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("12345")]
    [InlineData("01a241ed-2321-76d0-aaf9-701cdee5c3a2x")]
    public async Task Get_IdThatIsNotUuid_Returns404Problem(string id)
    {
        using var response = await client.GetConnectionAsync(id);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_WithMatchingIfNoneMatch_Returns304WithETagAndNoBody()
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await client.GetConnectionAsync(created.Id(), ifNoneMatch: etag);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("*")]
    [InlineData("\"999\", {0}")]
    [InlineData("W/{0}")]
    public async Task Get_WithIfNoneMatchNamingTheRecord_Returns304(string headerTemplate)
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await client.GetConnectionAsync(created.Id(), ifNoneMatch: string.Format(
            System.Globalization.CultureInfo.InvariantCulture, headerTemplate, etag));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Get_WithStaleIfNoneMatch_Returns200()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.GetConnectionAsync(created.Id(), ifNoneMatch: "\"999\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("\"unterminated")]
    public async Task Get_WithMalformedIfNoneMatch_Returns400NamingTheHeader(string header)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.GetConnectionAsync(created.Id(), ifNoneMatch: header);

        await ProblemAssert.IsValidationErrorAsync(response, "If-None-Match", "entity tags");
    }

    [Theory]
    [InlineData("*")]
    [InlineData("\"999\", {0}")]
    public async Task Get_WithIfMatchNamingTheRecord_Returns200(string headerTemplate)
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await client.GetConnectionAsync(created.Id(), ifMatch: string.Format(
            System.Globalization.CultureInfo.InvariantCulture, headerTemplate, etag));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("\"999\"")]
    [InlineData("W/{0}")]
    public async Task Get_WithIfMatchNotNamingTheRecordStrongly_Returns412(string headerTemplate)
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await client.GetConnectionAsync(created.Id(), ifMatch: string.Format(
            System.Globalization.CultureInfo.InvariantCulture, headerTemplate, etag));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Get_WithStaleIfMatchAndMatchingIfNoneMatch_Returns412()
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await client.GetConnectionAsync(created.Id(), ifNoneMatch: etag, ifMatch: "\"999\"");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Get_WithMalformedIfMatch_Returns400NamingTheHeader()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.GetConnectionAsync(created.Id(), ifMatch: "abc");

        await ProblemAssert.IsValidationErrorAsync(response, "If-Match", "entity tags");
    }
}

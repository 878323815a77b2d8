using System.Net;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Connections;

/// <summary>HTTP details around the routes: HEAD, canonical ids and conditional writes with If-None-Match.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProtocolTests(ApiFixture fixture)
{
    private readonly HttpClient client = fixture.Client;

    [Fact]
    public async Task Head_OnARecord_Returns200WithETagAndNoBody()
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{ConnectionsApi.BasePath}/{created.Id()}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/api/v1/external-connections?limit=1")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Head_OnReadRoutes_Returns200(string path)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{{{0}}}")]
    [InlineData("({0})")]
    [InlineData("{0:N}")]
    [InlineData("{0} ")]
    [InlineData("{0}\n")]
    public async Task Get_WithNonCanonicalUuid_Returns404(string format)
    {
        var (created, _) = await client.CreateConnectionAsync();
        var id = Guid.Parse(created.Id());

        using var response = await client.GetConnectionAsync(Uri.EscapeDataString(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, id)));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_WithUppercaseUuid_FindsTheRecord()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.GetConnectionAsync(created.Id().ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Patch_WithEmptyIfMatch_Returns400AndChangesNothing()
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), """{"label":"x"}""", ifMatch: "");
        using var fetched = await client.GetConnectionAsync(created.Id());

        await ProblemAssert.IsValidationErrorAsync(response, "If-Match", "entity tags");
        Assert.Equal(etag, fetched.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Delete_WithEmptyIfMatch_Returns400AndKeepsTheRecord()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.DeleteConnectionAsync(created.Id(), ifMatch: "");
        using var fetched = await client.GetConnectionAsync(created.Id());

        await ProblemAssert.IsValidationErrorAsync(response, "If-Match", "entity tags");
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("{0}")]
    [InlineData("\"999\", W/{0}")]
    public async Task Patch_WithIfNoneMatchNamingTheRecord_Returns412(string headerTemplate)
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await SendWithIfNoneMatchAsync(HttpMethod.Patch, created.Id(), Format(headerTemplate, etag));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionFailed);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("{0}")]
    public async Task Delete_WithIfNoneMatchNamingTheRecord_Returns412AndKeepsIt(string headerTemplate)
    {
        var (created, etag) = await client.CreateConnectionAsync();

        using var response = await SendWithIfNoneMatchAsync(HttpMethod.Delete, created.Id(), Format(headerTemplate, etag));
        using var fetched = await client.GetConnectionAsync(created.Id());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
    }

    [Fact]
    public async Task Patch_WithIfNoneMatchNamingAnotherVersion_Applies()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await SendWithIfNoneMatchAsync(HttpMethod.Patch, created.Id(), "\"999\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("POST")]
    public async Task Health_WithAMethodOtherThanGetOrHead_Returns405(string method)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/health/live"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    private static string Format(string template, string etag) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, template, etag);

    private Task<HttpResponseMessage> SendWithIfNoneMatchAsync(HttpMethod method, string id, string ifNoneMatch)
    {
        var request = new HttpRequestMessage(method, $"{ConnectionsApi.BasePath}/{id}");
        if (method == HttpMethod.Patch)
        {
            request.Content = new StringContent("""{"label":"x"}""", System.Text.Encoding.UTF8, ConnectionsApi.MergePatch);
        }

        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return client.SendAsync(request);
    }
}

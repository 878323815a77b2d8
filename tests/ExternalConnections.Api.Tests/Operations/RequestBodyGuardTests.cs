using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Operations;

/// <summary>Media types, charsets, content codings and the body size limit, checked before binding.</summary>
[Collection(ApiCollection.Name)]
public sealed class RequestBodyGuardTests(ApiFixture fixture)
{
    private const int BodyLimit = 1_048_576;

    private readonly HttpClient client = fixture.Client;

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("Application/JSON")]
    public async Task Create_WithUtf8JsonContentType_Returns201(string contentType)
    {
        using var response = await client.PostConnectionAsync(ConnectionsApi.NewBody().ToJsonString(), contentType);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("application/json; charset=foo")]
    [InlineData("application/json; charset=windows-1252")]
    [InlineData("application/json; charset=")]
    [InlineData("application/problem+json")]
    [InlineData("application/merge-patch+json")]
    [InlineData("application/vnd.api+json")]
    [InlineData("text/json")]
    public async Task Create_WithOtherContentType_Returns415(string contentType)
    {
        using var response = await client.PostConnectionAsync(ConnectionsApi.NewBody().ToJsonString(), contentType);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Patch_WithJsonPatchContentType_Returns415()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), """{"label":"x"}""", contentType: "application/json-patch+json");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Create_WithContentEncoding_Returns415()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ConnectionsApi.BasePath)
        {
            Content = new StringContent(ConnectionsApi.NewBody().ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Content.Headers.ContentEncoding.Add("gzip");

        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Create_ChunkedBodyJustUnderTheLimit_Returns201()
    {
        using var response = await client.SendAsync(ChunkedPost(PaddedBody(BodyLimit)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Create_ChunkedBodyOverTheLimit_Returns413()
    {
        using var response = await client.SendAsync(ChunkedPost(PaddedBody(BodyLimit + 1)));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Create_WithContentLengthOverTheLimit_Returns413()
    {
        using var response = await client.PostConnectionAsync(Encoding.UTF8.GetString(PaddedBody(BodyLimit + 1)));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    public async Task Errors_WhenAcceptLeavesOutJson_AreStillProblemJson(string accept)
    {
        using var notFound = await SendWithAcceptAsync(HttpMethod.Get, $"{ConnectionsApi.BasePath}/{Guid.NewGuid()}", accept, body: null);
        using var badBody = await SendWithAcceptAsync(HttpMethod.Post, ConnectionsApi.BasePath, accept, """{"label":5}""");
        using var notAllowed = await SendWithAcceptAsync(HttpMethod.Put, ConnectionsApi.BasePath, accept, body: null);

        await ProblemAssert.IsProblemAsync(notFound, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(badBody, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(notAllowed, HttpStatusCode.MethodNotAllowed);
    }

    /// <summary>A valid create body padded with spaces to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] PaddedBody(int size)
    {
        var json = ConnectionsApi.NewBody().ToJsonString();
        return Encoding.UTF8.GetBytes(json[..^1] + new string(' ', size - json.Length) + "}");
    }

    private static HttpRequestMessage ChunkedPost(byte[] body)
    {
        var content = new StreamContent(new MemoryStream(body), bufferSize: 8192);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, ConnectionsApi.BasePath) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        return request;
    }

    private Task<HttpResponseMessage> SendWithAcceptAsync(HttpMethod method, string path, string accept, string? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Connections;

/// <summary>
/// How the service reads request bodies: malformed JSON, wrong JSON types, duplicate and unknown
/// properties, empty bodies, media types and the 1 MiB size limit. Every error is a problem
/// response, which <see cref="ProblemAssert"/> checks for type, title, status, detail and traceId.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RequestBodyTests(ApiFixture fixture)
{
    private const int MaxBodyBytes = 1_048_576;

    private readonly HttpClient client = fixture.Client;

    /// <summary>Malformed bodies, the error key the service returns, and a part of the reader's reason.</summary>
    public static TheoryData<string, string, string> MalformedBodies => new()
    {
        { """{"provider":"slack",""", "$", "end of data" },
        { """{"label":'x'}""", "label", "invalid start of a value" },
        { """{"label":"x",}""", "$", "trailing comma" },
        { """{/* comment */"label":"x"}""", "$", "'/'" },
        { """{"label":"x"}garbage""", "$", "Expected end of data" },
        { """{"label":"x"}{"label":"y"}""", "$", "Expected end of data" },
        { """{"label":"a\x"}""", "label", "invalid escapable character" },
        { """{"label":"line""" + "\n" + """break"}""", "label", "invalid" },
        { """{label:"x"}""", "$", "property name" },
        { "NaN", "$", "invalid start of a value" },
        { "{\"aiAccessEnabled\":True}", "aiAccessEnabled", "invalid" },
        { "   ", "$", "does not contain any JSON tokens" },
    };

    /// <summary>A member with a JSON value of the wrong type, and a part of the message.</summary>
    public static TheoryData<string, string, string> WrongTypes => new()
    {
        { "aiAccessEnabled", "\"true\"", "Expected true or false" },
        { "aiAccessEnabled", "1", "Expected true or false" },
        { "aiAccessEnabled", "\"yes\"", "Expected true or false" },
        { "label", "5", "Expected a string" },
        { "label", "true", "Expected a string" },
        { "label", "{\"text\":\"x\"}", "Expected a string" },
        { "owningUserId", "[\"u1\"]", "Expected a string" },
        { "connectionStatus", "1", "Expected one of" },
        { "connectionStatus", "\"Active\"", "Expected one of" },
        { "connectionRole", "true", "Expected one of" },
        { "provider", "[\"slack\"]", "Expected one of" },
        { "scopesJson", "\"read\"", "Expected an array" },
        { "scopesJson", "{\"0\":\"read\"}", "Expected an array" },
        { "lastSyncAt", "1714566600", "RFC 3339" },
    };

    /// <summary>Media types that a create request may not use.</summary>
    public static TheoryData<string> UnsupportedCreateMediaTypes => new()
    {
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/merge-patch+json",
        "application/json-patch+json",
        "application/problem+json",
        "application/vnd.example+json",
        "text/json",
    };

    /// <summary>Media types that a merge patch may not use. JSON Patch (RFC 6902) is a different format.</summary>
    public static TheoryData<string> UnsupportedPatchMediaTypes => new()
    {
        "text/plain",
        "application/xml",
        "application/json-patch+json",
        "application/problem+json",
        "application/vnd.example+json",
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Create_WithMalformedJson_Returns400(string body, string key, string reason)
    {
        using var response = await client.PostConnectionAsync(body);

        var problem = await ProblemAssert.IsValidationErrorAsync(response, key, "Malformed JSON at line 1");
        Assert.Contains(problem.ErrorsAt(key), message => message.Contains(reason, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task Create_WithWrongJsonType_Returns400(string field, string rawValue, string message)
    {
        var json = ConnectionsApi.NewBody().WithMember(field, rawValue);

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, field, message);
    }

    [Theory]
    [InlineData("label")]
    [InlineData("provider")]
    [InlineData("scopesJson")]
    [InlineData("configurationJson")]
    [InlineData("unknownName")]
    public async Task Create_WithDuplicateProperty_Returns400(string field)
    {
        var value = field switch
        {
            "provider" => "\"slack\"",
            "scopesJson" => "[\"read\"]",
            "configurationJson" => "{}",
            _ => "\"x\"",
        };
        var body = ConnectionsApi.NewBody();
        body.Remove(field);
        var json = $"{body.ToJsonString()[..^1]},\"{field}\":{value},\"{field}\":{value}}}";

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, field, "Duplicate property");
    }

    [Fact]
    public async Task Create_WithDuplicatePropertyWrittenAsEscape_Returns400()
    {
        // "\u006cabel" is "label" once the escape is decoded.
        var json = ConnectionsApi.NewBody().WithMember("label", "\"a\"")[..^1] + ",\"\\u006cabel\":\"b\"}";

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "label", "Duplicate property");
    }

    [Fact]
    public async Task Create_WithMiscasedProperty_Returns400()
    {
        var json = ConnectionsApi.NewBody().WithMember("label", "\"a\"")[..^1] + ",\"Label\":\"b\"}";

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "Label", "Unknown property");
    }

    [Fact]
    public async Task Create_With21UnknownProperties_ListsTwenty()
    {
        var body = ConnectionsApi.NewBody();
        for (var index = 0; index < 21; index++)
        {
            body[$"extra{index:D2}"] = index;
        }

        using var response = await client.PostConnectionAsync(body);

        var problem = await ProblemAssert.IsValidationErrorAsync(response, "$", "1 more unknown properties");
        Assert.NotEmpty(problem.ErrorsAt("extra00"));
        Assert.NotEmpty(problem.ErrorsAt("extra19"));
        Assert.Empty(problem.ErrorsAt("extra20"));
    }

    [Fact]
    public async Task Create_WithUnpairedSurrogateInPropertyName_Returns400()
    {
        var json = ConnectionsApi.NewBody().WithMember("\\ud800", "1");

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Create_WithInvalidUtf8_Returns400()
    {
        var prefix = Encoding.UTF8.GetBytes(ConnectionsApi.NewBody().ToJsonString()[..^1] + ",\"label\":\"a");
        byte[] suffix = [0xFF, 0xFE, (byte)'"', (byte)'}'];
        using var content = new ByteArrayContent([.. prefix, .. suffix]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(ConnectionsApi.BasePath, content);

        await ProblemAssert.IsValidationErrorAsync(response, "label", "Invalid string");
    }

    [Fact]
    public async Task Create_WithEmptyBody_Returns400()
    {
        using var response = await client.PostConnectionAsync(string.Empty);

        await ProblemAssert.IsValidationErrorAsync(response, "$", "Expected a JSON object");
    }

    [Fact]
    public async Task Create_WithWhitespaceBody_Returns400WithoutReaderInternals()
    {
        using var response = await client.PostConnectionAsync(" \n\t ");

        await ProblemAssert.IsValidationErrorAsync(response, "$", "does not contain any JSON tokens");
        Assert.DoesNotContain("isFinalBlock", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithNullBody_Returns400()
    {
        using var response = await client.PostConnectionAsync("null");

        await ProblemAssert.IsValidationErrorAsync(response, "$", "Expected a JSON object");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"provider\":\"slack\"}]")]
    [InlineData("\"text\"")]
    [InlineData("5")]
    [InlineData("true")]
    public async Task Create_WithNonObjectBody_Returns400(string body)
    {
        using var response = await client.PostConnectionAsync(body);

        await ProblemAssert.IsValidationErrorAsync(response, "$", "Expected a JSON object");
    }

    [Theory]
    [MemberData(nameof(UnsupportedCreateMediaTypes))]
    public async Task Create_WithUnsupportedMediaType_Returns415(string mediaType)
    {
        using var response = await client.PostConnectionAsync(ConnectionsApi.NewBody().ToJsonString(), mediaType);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Create_WithoutContentType_Returns415()
    {
        using var content = new StringContent(ConnectionsApi.NewBody().ToJsonString());
        content.Headers.ContentType = null;

        using var response = await client.PostAsync(ConnectionsApi.BasePath, content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    public async Task Create_WithJsonMediaType_Returns201(string mediaType)
    {
        using var response = await client.PostConnectionAsync(ConnectionsApi.NewBody().ToJsonString(), mediaType);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Create_WithBodyOf1MiB_StoresIt()
    {
        var json = PadWithSpaces(ConnectionsApi.NewBody().WithMember("label", "\"at-limit\""), MaxBodyBytes);

        var stored = await client.CreateAndGetAsync(json);

        Assert.Equal("at-limit", stored.GetProperty("label").GetString());
    }

    [Fact]
    public async Task Create_WithBodyOver1MiB_Returns413()
    {
        var json = PadWithSpaces(ConnectionsApi.NewBody().ToJsonString(), MaxBodyBytes + 1);
        using var request = OversizedRequest(HttpMethod.Post, ConnectionsApi.BasePath, json, "application/json");

        using var response = await client.SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1,048,576 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithChunkedBodyOfExactly1MiB_StoresIt()
    {
        var json = PadWithSpaces(ConnectionsApi.NewBody().WithMember("label", "\"chunked\""), MaxBodyBytes);
        using var request = ChunkedRequest(HttpMethod.Post, ConnectionsApi.BasePath, json, "application/json");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        var stored = await client.GetExistingAsync(created.Id());
        Assert.Equal("chunked", stored.GetProperty("label").GetString());
    }

    [Theory]
    [InlineData(MaxBodyBytes + 1)]
    [InlineData(MaxBodyBytes + 65_536)]
    public async Task Create_WithChunkedBodyOver1MiB_Returns413(int bytes)
    {
        var json = PadWithSpaces(ConnectionsApi.NewBody().ToJsonString(), bytes);
        using var request = ChunkedRequest(HttpMethod.Post, ConnectionsApi.BasePath, json, "application/json");

        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Create_WithRejectedBody_StoresNothing()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var body = ConnectionsApi.NewBody(workspaceId);
        body["label"] = new string('a', 256);

        using var response = await client.PostConnectionAsync(body);
        using var list = await client.ListConnectionsAsync($"workspaceId={workspaceId}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await list.ReadJsonAsync();
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Patch_WithMalformedJson_Returns400(string body, string key, string reason)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), body);

        var problem = await ProblemAssert.IsValidationErrorAsync(response, key, "Malformed JSON at line 1");
        Assert.Contains(problem.ErrorsAt(key), message => message.Contains(reason, StringComparison.Ordinal));
        await client.AssertUnchangedAsync(created);
    }

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task Patch_WithWrongJsonType_Returns400(string field, string rawValue, string message)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), new JsonObject().WithMember(field, rawValue));

        // provider cannot be patched at all; its type is checked first.
        await ProblemAssert.IsValidationErrorAsync(response, field, field == "provider" ? "Cannot be changed" : message);
        await client.AssertUnchangedAsync(created);
    }

    [Fact]
    public async Task Patch_WithDuplicateProperty_Returns400()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), """{"label":"a","label":"b"}""");

        await ProblemAssert.IsValidationErrorAsync(response, "label", "Duplicate property");
        await client.AssertUnchangedAsync(created);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task Patch_WithEmptyOrNullBody_Returns400(string body)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), body);

        await ProblemAssert.IsValidationErrorAsync(response, "$", "Expected a JSON object");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"op":"replace","path":"/label","value":"x"}]""")]
    [InlineData("\"text\"")]
    public async Task Patch_WithNonObjectBody_Returns400(string body)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), body);

        await ProblemAssert.IsValidationErrorAsync(response, "$", "Expected a JSON object");
    }

    [Theory]
    [InlineData(ConnectionsApi.MergePatch)]
    [InlineData("application/merge-patch+json; charset=utf-8")]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    public async Task Patch_WithSupportedMediaType_AppliesPatch(string mediaType)
    {
        var (created, _) = await client.CreateConnectionAsync();

        var stored = await client.PatchAndGetAsync(created.Id(), """{"label":"patched"}""", mediaType);

        Assert.Equal("patched", stored.GetProperty("label").GetString());
    }

    [Theory]
    [MemberData(nameof(UnsupportedPatchMediaTypes))]
    public async Task Patch_WithUnsupportedMediaType_Returns415(string mediaType)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), """{"label":"patched"}""", contentType: mediaType);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        await client.AssertUnchangedAsync(created);
    }

    [Fact]
    public async Task Patch_WithJsonPatchDocument_Returns415()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(
            created.Id(),
            """[{"op":"replace","path":"/label","value":"x"}]""",
            contentType: "application/json-patch+json");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Patch_WithoutContentType_Returns415()
    {
        var (created, _) = await client.CreateConnectionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"{ConnectionsApi.BasePath}/{created.Id()}")
        {
            Content = new StringContent("""{"label":"patched"}"""),
        };
        request.Content.Headers.ContentType = null;

        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        await client.AssertUnchangedAsync(created);
    }

    [Fact]
    public async Task Patch_WithBodyOver1MiB_Returns413()
    {
        var (created, _) = await client.CreateConnectionAsync();
        var json = PadWithSpaces("""{"label":"big"}""", MaxBodyBytes + 1);
        using var request = OversizedRequest(HttpMethod.Patch, $"{ConnectionsApi.BasePath}/{created.Id()}", json, ConnectionsApi.MergePatch);

        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await client.AssertUnchangedAsync(created);
    }

    [Fact]
    public async Task Patch_WithChunkedBodyOver1MiB_Returns413()
    {
        var (created, _) = await client.CreateConnectionAsync();
        var json = PadWithSpaces("""{"label":"big"}""", MaxBodyBytes + 1);
        using var request = ChunkedRequest(HttpMethod.Patch, $"{ConnectionsApi.BasePath}/{created.Id()}", json, ConnectionsApi.MergePatch);

        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await client.AssertUnchangedAsync(created);
    }

    [Fact]
    public async Task Patch_WithBodyOf1MiB_AppliesPatch()
    {
        var (created, _) = await client.CreateConnectionAsync();
        var json = PadWithSpaces("""{"label":"at-limit"}""", MaxBodyBytes);

        var stored = await client.PatchAndGetAsync(created.Id(), json);

        Assert.Equal("at-limit", stored.GetProperty("label").GetString());
    }

    /// <summary>Appends spaces after the JSON value until the UTF-8 text is exactly <paramref name="bytes"/> long.</summary>
    private static string PadWithSpaces(string json, int bytes)
    {
        var padding = bytes - Encoding.UTF8.GetByteCount(json);
        Assert.True(padding >= 0, $"The body is already {Encoding.UTF8.GetByteCount(json)} bytes.");
        return json + new string(' ', padding);
    }

    /// <summary>
    /// Builds a request with a Content-Length over the limit that asks for 100-continue. Kestrel
    /// answers 413 before the body is sent, so the client does not write into a closed connection.
    /// </summary>
    private static HttpRequestMessage OversizedRequest(HttpMethod method, string path, string json, string mediaType)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.ExpectContinue = true;
        return request;
    }

    /// <summary>
    /// Builds a request whose body has no Content-Length, so HttpClient sends it with chunked
    /// transfer encoding and the server learns the size only while reading.
    /// </summary>
    private static HttpRequestMessage ChunkedRequest(HttpMethod method, string path, string json, string mediaType)
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        content.Headers.ContentLength = null;
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        return request;
    }
}

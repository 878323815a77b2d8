using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Operations;

[Collection(ApiCollection.Name)]
public sealed class LoggingTests(ApiFixture fixture)
{
    private readonly HttpClient client = fixture.Client;

    [Fact]
    public async Task Request_IsLoggedWithMethodRouteStatusElapsedAndTraceId()
    {
        var (created, _) = await client.CreateConnectionAsync();
        using var response = await client.GetConnectionAsync(created.Id());

        var line = await fixture.Factory.Logs.WaitForLineAsync(entry =>
            entry.Contains("\"RequestMethod\":\"GET\"", StringComparison.Ordinal)
            && entry.Contains("\"RequestRoute\":\"/api/v1/external-connections/{id:uuid}\"", StringComparison.Ordinal));
        Assert.Contains("\"StatusCode\":200", line, StringComparison.Ordinal);
        Assert.Contains("\"Elapsed\":", line, StringComparison.Ordinal);
        Assert.Contains("\"@tr\":", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedRequest_IsLoggedWithItsRouteTemplate()
    {
        var (created, _) = await client.CreateConnectionAsync();

        // A body that is not JSON fails binding, and the exception handler writes the 400.
        using var response = await client.PatchConnectionAsync(created.Id(), "{not json");

        var traceId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("traceId").GetString()!;
        var line = await fixture.Factory.Logs.WaitForLineAsync(entry =>
            entry.Contains(traceId, StringComparison.Ordinal) && entry.Contains("\"RequestRoute\"", StringComparison.Ordinal));
        Assert.Contains("\"RequestRoute\":\"/api/v1/external-connections/{id:uuid}\"", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\r\n", @"\u000d\u000a")]
    [InlineData("\u0085", @"\u0085")]
    [InlineData("\u2028\u2029", @"\u2028\u2029")]
    [InlineData("\u202e", @"\u202e")]
    [InlineData(@"\u000d", @"\\u000d")]
    public async Task RejectedWorkspaceId_IsLoggedWithSeparatorsEscaped(string inserted, string logged)
    {
        var marker = $"forged{Guid.NewGuid():N}";
        using var outsider = fixture.Factory.CreateClientWithToken(TestTokens.Member(ConnectionsApi.NewWorkspaceId()));

        using var response = await outsider.PostConnectionAsync(ConnectionsApi.NewBody($"ws-other{inserted}{marker}"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var line = await fixture.Factory.Logs.WaitForLineAsync(entry => entry.Contains(marker, StringComparison.Ordinal));
        Assert.Contains($"\"WorkspaceId\":{JsonSerializer.Serialize($"ws-other{logged}{marker}")}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnmatchedPath_WithLineBreaks_IsLoggedWithThemEscaped()
    {
        var marker = $"forged{Guid.NewGuid():N}";

        using var response = await client.GetAsync($"/nothing%0D%0A{marker}");

        // The service writes the CR as the six characters \u000d, which JSON doubles to \\u000d; a raw CR would read \r.
        var line = await fixture.Factory.Logs.WaitForLineAsync(entry => entry.Contains(marker, StringComparison.Ordinal));
        Assert.Contains($"\"RequestRoute\":\"/nothing\\\\u000d\\\\u000a{marker}\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretFields_NeverReachTheLogs()
    {
        var marker = $"marker{Guid.NewGuid():N}";
        var body = ConnectionsApi.NewBody();
        body["encryptedCredentialsRef"] = $"{marker}-credentials";
        body["externalSub"] = $"{marker}-sub";
        body["configurationJson"] = new JsonObject { ["token"] = $"{marker}-configuration" };

        var (created, _) = await client.CreateConnectionAsync(body);
        using var patched = await client.PatchConnectionAsync(
            created.Id(),
            $$$"""{"encryptedCredentialsRef":"{{{marker}}}-patched","externalSub":"{{{marker}}}-patched","configurationJson":{"t":"{{{marker}}}"}}""");
        body["label"] = 5;
        using var rejected = await client.PostConnectionAsync(body);
        using var malformed = await client.PostConnectionAsync($$"""{"encryptedCredentialsRef":n{{marker}}}""");
        using var duplicateKey = await client.PostConnectionAsync($$$"""{"configurationJson":{"{{{marker}}}":1,"{{{marker}}}":2}}""");
        using var tooLong = await client.PatchConnectionAsync(created.Id(), $$"""{"externalSub":"{{marker}}{{new string('x', 300)}}"}""");

        // Log lines are written in order, so once the last request's line is in, all are.
        var lastTraceId = (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("traceId").GetString()!;
        await fixture.Factory.Logs.WaitForLineAsync(line => line.Contains(lastTraceId, StringComparison.Ordinal));
        Assert.Contains(created.Id(), fixture.Factory.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, fixture.Factory.Logs.Text, StringComparison.Ordinal);
    }
}

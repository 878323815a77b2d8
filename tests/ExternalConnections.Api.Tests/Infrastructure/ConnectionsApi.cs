using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExternalConnections.Api.Tests.Infrastructure;

/// <summary>
/// HTTP calls to the connections API with raw JSON bodies, so tests control every byte sent.
/// </summary>
public static class ConnectionsApi
{
    public const string BasePath = "/api/v1/external-connections";

    public const string MergePatch = "application/merge-patch+json";

    /// <summary>A valid create body in a workspace of its own, so no other test sees its records.</summary>
    public static JsonObject NewBody(string? workspaceId = null) =>
        new()
        {
            ["provider"] = "slack",
            ["connectionType"] = "bot_token",
            ["workspaceId"] = workspaceId ?? NewWorkspaceId(),
            ["visibilityMode"] = "workspace_local",
        };

    public static string NewWorkspaceId() => $"ws-{Guid.NewGuid():N}";

    public static Task<HttpResponseMessage> PostConnectionAsync(this HttpClient client, string json, string contentType = "application/json") =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, BasePath) { Content = JsonContent(json, contentType) });

    public static Task<HttpResponseMessage> PostConnectionAsync(this HttpClient client, JsonNode body) =>
        client.PostConnectionAsync(body.ToJsonString());

    public static Task<HttpResponseMessage> PostConnectionAsync(this HttpClient client, JsonNode body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, BasePath) { Content = JsonContent(body.ToJsonString(), "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    /// <summary>Creates a record and returns its body and ETag; fails the test if creation fails.</summary>
    public static async Task<(JsonElement Body, string ETag)> CreateConnectionAsync(this HttpClient client, JsonObject? body = null)
    {
        using var response = await client.PostConnectionAsync(body ?? NewBody());
        var json = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, $"Create failed with {(int)response.StatusCode}: {json}");
        return (json, response.Headers.ETag!.ToString());
    }

    public static Task<HttpResponseMessage> GetConnectionAsync(
        this HttpClient client,
        string id,
        string? ifNoneMatch = null,
        string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{BasePath}/{id}");
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PatchConnectionAsync(
        this HttpClient client,
        string id,
        string json,
        string? ifMatch = null,
        string contentType = MergePatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"{BasePath}/{id}") { Content = JsonContent(json, contentType) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> DeleteConnectionAsync(this HttpClient client, string id, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"{BasePath}/{id}");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> ListConnectionsAsync(this HttpClient client, string query) =>
        client.GetAsync($"{BasePath}?{query}");

    /// <summary>Lists one page and fails the test unless the status is 200.</summary>
    public static async Task<ConnectionListPage> ListPageAsync(this HttpClient client, string query)
    {
        using var response = await client.ListConnectionsAsync(query);
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"List '{query}' failed with {(int)response.StatusCode}: {json}");
        return new ConnectionListPage(
            json.GetProperty("items").EnumerateArray().ToArray(),
            json.GetProperty("nextCursor").GetString());
    }

    /// <summary>
    /// Lists pages from <paramref name="cursor"/> (or the first page) by following nextCursor
    /// until it is null, and returns them in order. Fails the test after <paramref name="maxPages"/>
    /// pages, so a cursor that never ends cannot hang the run.
    /// </summary>
    public static async Task<IReadOnlyList<ConnectionListPage>> ListAllPagesAsync(
        this HttpClient client,
        string query,
        string? cursor = null,
        int maxPages = 100)
    {
        var pages = new List<ConnectionListPage>();
        do
        {
            var pageQuery = cursor is null ? query : $"{query}&cursor={Uri.EscapeDataString(cursor)}";
            var page = await client.ListPageAsync(pageQuery);
            pages.Add(page);
            Assert.True(pages.Count <= maxPages, $"List '{query}' still had a nextCursor after {maxPages} pages.");
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return pages;
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length > 0, $"Expected a JSON body, got an empty one with status {(int)response.StatusCode}.");
        return JsonElement.Parse(text);
    }

    public static string Id(this JsonElement record) => record.GetProperty("id").GetString()!;

    /// <summary>The messages a validation problem lists under <paramref name="key"/>, or none.</summary>
    public static IReadOnlyList<string> ErrorsAt(this JsonElement problem, string key) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(key, out var messages)
            ? messages.EnumerateArray().Select(message => message.GetString()!).ToArray()
            : [];

    /// <summary>A body with the Content-Type exactly as given, even one HttpClient would reject as malformed.</summary>
    private static StringContent JsonContent(string json, string contentType)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }
}

/// <summary>One page of <c>GET /api/v1/external-connections</c>.</summary>
public sealed record ConnectionListPage(IReadOnlyList<JsonElement> Items, string? NextCursor)
{
    public IReadOnlyList<string> Ids => Items.Select(item => item.Id()).ToArray();
}

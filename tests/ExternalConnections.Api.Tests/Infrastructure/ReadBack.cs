using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExternalConnections.Api.Tests.Infrastructure;

/// <summary>
/// Writes that must succeed, each followed by a GET of the same record, so that a test checks
/// what the service stored and that the write's response matches the GET byte for byte.
/// </summary>
public static class ReadBack
{
    public static Task<JsonElement> CreateAndGetAsync(this HttpClient client, JsonNode body) =>
        client.CreateAndGetAsync(body.ToJsonString());

    /// <summary>
    /// Creates a record from <paramref name="json"/>, asserts 201, and returns the record as a
    /// later GET returns it, after asserting that the GET body equals the POST body.
    /// </summary>
    public static async Task<JsonElement> CreateAndGetAsync(this HttpClient client, string json)
    {
        using var response = await client.PostConnectionAsync(json);
        var created = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {created}");

        return await GetAndCompareAsync(client, created);
    }

    /// <summary>
    /// Applies a merge patch, asserts 200, and returns the record as a later GET returns it, after
    /// asserting that the GET body equals the PATCH body.
    /// </summary>
    public static async Task<JsonElement> PatchAndGetAsync(
        this HttpClient client,
        string id,
        string json,
        string contentType = ConnectionsApi.MergePatch)
    {
        using var response = await client.PatchConnectionAsync(id, json, contentType: contentType);
        var patched = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {patched}");

        return await GetAndCompareAsync(client, patched);
    }

    /// <summary>Returns the record with <paramref name="id"/>, and fails the test unless the GET returns 200.</summary>
    public static async Task<JsonElement> GetExistingAsync(this HttpClient client, string id)
    {
        using var response = await client.GetConnectionAsync(id);
        var fetched = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {fetched}");
        return fetched;
    }

    /// <summary>Asserts that a GET returns <paramref name="before"/> unchanged, as after a rejected write.</summary>
    public static async Task AssertUnchangedAsync(this HttpClient client, JsonElement before)
    {
        var fetched = await client.GetExistingAsync(before.Id());
        Assert.Equal(before.GetRawText(), fetched.GetRawText());
    }

    private static async Task<JsonElement> GetAndCompareAsync(HttpClient client, JsonElement written)
    {
        var fetched = await client.GetExistingAsync(written.Id());
        Assert.Equal(written.GetRawText(), fetched.GetRawText());
        return fetched;
    }
}

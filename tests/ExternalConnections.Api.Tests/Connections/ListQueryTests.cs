using System.Net;
using ExternalConnections.Api.Connections.Listing;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Connections;

/// <summary>Query parameter rules of the list endpoint over HTTP, with the cursor's text format.</summary>
[Collection(ApiCollection.Name)]
public sealed class ListQueryTests(ApiFixture fixture)
{
    private readonly HttpClient client = fixture.Client;

    [Theory]
    [InlineData("garbage")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task List_WithInvalidCursor_Returns400(string cursor)
    {
        using var response = await client.ListConnectionsAsync($"cursor={Uri.EscapeDataString(cursor)}");

        await ProblemAssert.IsValidationErrorAsync(response, "cursor", "Invalid cursor");
    }

    [Fact]
    public async Task List_WithCursorInStandardBase64_Returns400()
    {
        // The same bytes in standard base64 use + and / where base64url uses - and _.
        var cursor = CursorWithCharacters('-', '_');
        var standard = cursor.Replace('-', '+').Replace('_', '/');

        using var response = await client.ListConnectionsAsync($"cursor={Uri.EscapeDataString(standard)}");

        await ProblemAssert.IsValidationErrorAsync(response, "cursor", "Invalid cursor");
    }

    [Fact]
    public async Task List_WithCursorOfInvalidCharacters_Returns400()
    {
        using var response = await client.ListConnectionsAsync($"cursor={Uri.EscapeDataString(new string('*', 46))}");

        await ProblemAssert.IsValidationErrorAsync(response, "cursor", "Invalid cursor");
    }

    [Fact]
    public async Task List_WithCursorOfNonCanonicalLastCharacter_Returns400()
    {
        // The last of 46 characters carries 2 bits of data and 4 unused bits, which must be zero.
        var cursor = new ListCursor(ConnectionSort.CreatedAtDescending, DateTimeOffset.UnixEpoch, Guid.CreateVersion7()).Encode();
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var altered = cursor[..^1] + alphabet[alphabet.IndexOf(cursor[^1], StringComparison.Ordinal) | 1];

        using var response = await client.ListConnectionsAsync($"cursor={Uri.EscapeDataString(altered)}");

        await ProblemAssert.IsValidationErrorAsync(response, "cursor", "Invalid cursor");
    }

    [Fact]
    public async Task List_WithNextCursor_ReturnsNextPage()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        await client.CreateConnectionAsync(ConnectionsApi.NewBody(workspaceId));
        await client.CreateConnectionAsync(ConnectionsApi.NewBody(workspaceId));

        using var first = await client.ListConnectionsAsync($"workspaceId={workspaceId}&limit=1");
        var firstPage = await first.ReadJsonAsync();
        var nextCursor = firstPage.GetProperty("nextCursor").GetString()!;
        using var second = await client.ListConnectionsAsync($"workspaceId={workspaceId}&limit=1&cursor={Uri.EscapeDataString(nextCursor)}");
        var secondPage = await second.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, secondPage.GetProperty("items").GetArrayLength());
        Assert.NotEqual(firstPage.GetProperty("items")[0].Id(), secondPage.GetProperty("items")[0].Id());
    }

    /// <summary>Returns a valid cursor whose text contains both given characters, trying ids until one does.</summary>
    private static string CursorWithCharacters(char first, char second)
    {
        for (var attempt = 0; ; attempt++)
        {
            var cursor = new ListCursor(ConnectionSort.CreatedAtDescending, DateTimeOffset.UnixEpoch.AddTicks(attempt), Guid.Empty).Encode();
            if (cursor.Contains(first, StringComparison.Ordinal) && cursor.Contains(second, StringComparison.Ordinal))
            {
                return cursor;
            }
        }
    }
}

using System.Buffers.Binary;
using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ExternalConnections.Api.Connections.Listing;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Connections;

/// <summary>Sort order, page size and cursors of <c>GET /api/v1/external-connections</c>.</summary>
[Collection(ApiCollection.Name)]
public sealed class ListConnectionsPagingTests(ApiFixture fixture)
{
    private const string InvalidCursorMessage = "Invalid cursor";

    /// <summary>Format version byte of the cursors that the service issues.</summary>
    private const byte ListCursorFormatVersion = 1;

    private readonly HttpClient client = fixture.Client;

    public static TheoryData<string, int> SortsAndLimits()
    {
        var data = new TheoryData<string, int>();
        foreach (var sort in new[] { "createdAt", "-createdAt", "updatedAt", "-updatedAt" })
        {
            foreach (var limit in new[] { 1, 2, 3 })
            {
                data.Add(sort, limit);
            }
        }

        return data;
    }

    [Fact]
    public async Task List_WithoutSort_ReturnsNewestFirst()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var created = await CreateManyAsync(workspaceId, 3);

        var page = await client.ListPageAsync($"workspaceId={workspaceId}");

        Assert.Equal(created.Select(ConnectionsApi.Id).Reverse(), page.Ids);
    }

    [Theory]
    [InlineData("createdAt")]
    [InlineData("-createdAt")]
    [InlineData("updatedAt")]
    [InlineData("-updatedAt")]
    public async Task List_WalkingPagesOfTwo_ReturnsEachRecordOnce(string sort)
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var createdOrder = (await CreateManyAsync(workspaceId, 7)).Select(ConnectionsApi.Id).ToArray();

        // Patching in another order makes the updatedAt order differ from the createdAt order.
        int[] patchOrder = [3, 0, 5, 1, 6, 2, 4];
        foreach (var index in patchOrder)
        {
            await PatchLabelAsync(createdOrder[index]);
        }

        var updatedOrder = patchOrder.Select(index => createdOrder[index]).ToArray();
        var expected = sort switch
        {
            "createdAt" => createdOrder,
            "-createdAt" => createdOrder.Reverse().ToArray(),
            "updatedAt" => updatedOrder,
            _ => updatedOrder.Reverse().ToArray(),
        };

        var pages = await client.ListAllPagesAsync($"workspaceId={workspaceId}&sort={sort}&limit=2");

        Assert.Equal(expected, pages.SelectMany(page => page.Ids));
        Assert.Equal([2, 2, 2, 1], pages.Select(page => page.Items.Count));
    }

    [Theory]
    [MemberData(nameof(SortsAndLimits))]
    public async Task List_WithEqualSortKeys_OrdersTiesById(string sort, int limit)
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var first = await client.CreateConnectionAsync(ConnectionsApi.NewBody(workspaceId));
        var tied = await WithClockStepAsync(TimeSpan.Zero, () => CreateManyAsync(workspaceId, 5));
        var last = await client.CreateConnectionAsync(ConnectionsApi.NewBody(workspaceId));
        Assert.Single(tied.Select(record => record.GetProperty("createdAt").GetString()).Distinct());

        // Version 7 ids made in one millisecond differ only in random bits, so id order is unrelated to creation order.
        var ascending = tied.Select(ConnectionsApi.Id).Order(StringComparer.Ordinal).Prepend(first.Body.Id()).Append(last.Body.Id());
        var expected = sort.StartsWith('-') ? ascending.Reverse() : ascending;

        var pages = await client.ListAllPagesAsync($"workspaceId={workspaceId}&sort={sort}&limit={limit}");

        Assert.Equal(expected, pages.SelectMany(page => page.Ids));
    }

    [Theory]
    [InlineData("updatedAt")]
    [InlineData("-updatedAt")]
    public async Task List_WithEqualUpdatedAt_BreaksTiesById(string sort)
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();

        // One microsecond apart, the records have distinct createdAt but ids in random order.
        var created = await WithClockStepAsync(TimeSpan.FromMicroseconds(1), () => CreateManyAsync(workspaceId, 6));
        var patched = await WithClockStepAsync(TimeSpan.Zero, async () =>
        {
            var bodies = new List<JsonElement>();
            foreach (var record in created)
            {
                bodies.Add(await PatchLabelAsync(record.Id()));
            }

            return bodies;
        });
        Assert.Single(patched.Select(record => record.GetProperty("updatedAt").GetString()).Distinct());
        Assert.Equal(6, created.Select(record => record.GetProperty("createdAt").GetString()).Distinct().Count());

        var ascending = created.Select(ConnectionsApi.Id).Order(StringComparer.Ordinal);
        var expected = sort.StartsWith('-') ? ascending.Reverse() : ascending;

        var pages = await client.ListAllPagesAsync($"workspaceId={workspaceId}&sort={sort}&limit=2");

        Assert.Equal(expected, pages.SelectMany(page => page.Ids));
    }

    [Theory]
    [InlineData("-createdAt", 6, 2, new[] { 2, 2, 2 })]
    [InlineData("createdAt", 6, 3, new[] { 3, 3 })]
    [InlineData("-updatedAt", 6, 6, new[] { 6 })]
    [InlineData("updatedAt", 6, 2, new[] { 2, 2, 2 })]
    [InlineData("-createdAt", 6, 7, new[] { 6 })]
    [InlineData("-createdAt", 1, 1, new[] { 1 })]
    public async Task List_LastPage_HasNullCursorEvenWhenFull(string sort, int count, int limit, int[] expectedSizes)
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        await CreateManyAsync(workspaceId, count);

        var pages = await client.ListAllPagesAsync($"workspaceId={workspaceId}&sort={sort}&limit={limit}");

        Assert.Equal(expectedSizes, pages.Select(page => page.Items.Count));
    }

    [Fact]
    public async Task List_WithoutLimit_ReturnsPagesOf50()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        await CreateManyAsync(workspaceId, 51);

        var pages = await client.ListAllPagesAsync($"workspaceId={workspaceId}");

        Assert.Equal([50, 1], pages.Select(page => page.Items.Count));
    }

    [Fact]
    public async Task List_WithLimit200_ReturnsPagesOf200()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        await CreateManyAsync(workspaceId, 201);

        var pages = await client.ListAllPagesAsync($"workspaceId={workspaceId}&limit=200");

        Assert.Equal([200, 1], pages.Select(page => page.Items.Count));
    }

    [Fact]
    public async Task List_WithLimit1_ReturnsOneRecordPerPage()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var created = await CreateManyAsync(workspaceId, 3);

        var pages = await client.ListAllPagesAsync($"workspaceId={workspaceId}&limit=1");

        Assert.Equal([1, 1, 1], pages.Select(page => page.Items.Count));
        Assert.Equal(created.Select(ConnectionsApi.Id).Reverse(), pages.SelectMany(page => page.Ids));
    }

    [Fact]
    public async Task List_WithSameCursorTwice_ReturnsSamePage()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        await CreateManyAsync(workspaceId, 5);
        var query = $"workspaceId={workspaceId}&limit=2";
        var first = await client.ListPageAsync(query);

        var second = await client.ListPageAsync($"{query}&cursor={first.NextCursor}");
        var again = await client.ListPageAsync($"{query}&cursor={first.NextCursor}");

        Assert.Equal(second.Ids, again.Ids);
        Assert.Equal(second.NextCursor, again.NextCursor);
    }

    [Fact]
    public async Task List_WithCursorAndNewLimit_Continues()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var created = (await CreateManyAsync(workspaceId, 6)).Select(ConnectionsApi.Id).ToArray();
        var first = await client.ListPageAsync($"workspaceId={workspaceId}&sort=createdAt&limit=2");

        var next = await client.ListPageAsync($"workspaceId={workspaceId}&sort=createdAt&limit=3&cursor={first.NextCursor}");

        Assert.Equal(created[2..5], next.Ids);
        Assert.NotNull(next.NextCursor);
    }

    [Fact]
    public async Task List_WithCursorChangedAtAnyPosition_Returns400()
    {
        var (query, cursor) = await CreateFirstPageAsync("-createdAt");

        var notRejected = new List<string>();
        for (var position = 0; position < cursor.Length; position++)
        {
            var replacement = cursor[position] == 'A' ? 'B' : 'A';
            var altered = string.Concat(cursor.AsSpan(0, position), [replacement], cursor.AsSpan(position + 1));
            using var response = await client.ListConnectionsAsync($"{query}&cursor={altered}");
            var problem = await response.ReadJsonAsync();
            if (!problem.ErrorsAt("cursor").Any(message => message.StartsWith(InvalidCursorMessage, StringComparison.Ordinal)))
            {
                notRejected.Add($"position {position} ({altered}): {(int)response.StatusCode}");
            }
        }

        Assert.Empty(notRejected);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("first character removed")]
    [InlineData("character appended")]
    [InlineData("character prepended")]
    [InlineData("padding appended")]
    [InlineData("space appended")]
    [InlineData("uppercased")]
    [InlineData("standard base64")]
    [InlineData("repeated twice")]
    [InlineData("halved")]
    [InlineData("invalid character")]
    [InlineData("spare bits set")]
    [InlineData("not base64")]
    [InlineData("empty")]
    public async Task List_WithTamperedCursor_Returns400(string tampering)
    {
        var (query, cursor) = await CreateFirstPageAsync("-createdAt");
        var tampered = tampering switch
        {
            "truncated" => cursor[..^1],
            "first character removed" => cursor[1..],
            "character appended" => cursor + "A",
            "character prepended" => "A" + cursor,
            "padding appended" => cursor + "==",
            "space appended" => cursor + " ",
            "uppercased" => cursor.ToUpperInvariant(),
            "standard base64" => Convert.ToBase64String(Base64Url.DecodeFromChars(cursor)),
            "repeated twice" => cursor + cursor,
            "halved" => cursor[..(cursor.Length / 2)],
            "invalid character" => string.Concat(cursor.AsSpan(0, 10), "!", cursor.AsSpan(11)),
            "spare bits set" => cursor[..^1] + SetSpareBit(cursor[^1]),
            "not base64" => "not a cursor!",
            _ => string.Empty,
        };
        Assert.NotEqual(cursor, tampered);

        using var response = await client.ListConnectionsAsync($"{query}&cursor={Uri.EscapeDataString(tampered)}");

        await ProblemAssert.IsValidationErrorAsync(response, "cursor", InvalidCursorMessage);
    }

    [Theory]
    [InlineData("createdAt", "-createdAt")]
    [InlineData("createdAt", "updatedAt")]
    [InlineData("createdAt", "-updatedAt")]
    [InlineData("createdAt", null)]
    [InlineData("-createdAt", "createdAt")]
    [InlineData("-createdAt", "updatedAt")]
    [InlineData("-createdAt", "-updatedAt")]
    [InlineData("updatedAt", "createdAt")]
    [InlineData("updatedAt", "-createdAt")]
    [InlineData("updatedAt", "-updatedAt")]
    [InlineData("updatedAt", null)]
    [InlineData("-updatedAt", "createdAt")]
    [InlineData("-updatedAt", "-createdAt")]
    [InlineData("-updatedAt", "updatedAt")]
    [InlineData("-updatedAt", null)]
    [InlineData(null, "createdAt")]
    public async Task List_WithCursorOfOtherSort_Returns400(string? cursorSort, string? requestSort)
    {
        var (query, cursor) = await CreateFirstPageAsync(cursorSort);
        var sortParameter = requestSort is null ? string.Empty : $"&sort={requestSort}";

        using var response = await client.ListConnectionsAsync($"{query}{sortParameter}&cursor={cursor}");

        await ProblemAssert.IsValidationErrorAsync(response, "cursor", "another sort");
    }

    [Theory]
    [InlineData(null, "-createdAt")]
    [InlineData("-createdAt", null)]
    public async Task List_WithDefaultSortCursor_AcceptsNamedDefault(string? cursorSort, string? requestSort)
    {
        var (query, cursor) = await CreateFirstPageAsync(cursorSort);
        var sortParameter = requestSort is null ? string.Empty : $"&sort={requestSort}";

        var next = await client.ListPageAsync($"{query}{sortParameter}&cursor={cursor}");

        Assert.Single(next.Items);
    }

    [Fact]
    public async Task List_NextCursor_EncodesLastItem()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        await CreateManyAsync(workspaceId, 3);

        var page = await client.ListPageAsync($"workspaceId={workspaceId}&sort=updatedAt&limit=2");

        var last = page.Items[^1];
        var expected = EncodeCursor(
            ListCursorFormatVersion,
            (byte)ConnectionSort.UpdatedAtAscending,
            last.GetProperty("updatedAt").GetDateTimeOffset().UtcTicks,
            Guid.Parse(last.Id()));
        Assert.Equal(expected, page.NextCursor);
    }

    [Theory]
    [InlineData((byte)0, (byte)ConnectionSort.CreatedAtDescending, 0L)]
    [InlineData((byte)2, (byte)ConnectionSort.CreatedAtDescending, 0L)]
    [InlineData((byte)255, (byte)ConnectionSort.CreatedAtDescending, 0L)]
    [InlineData(ListCursorFormatVersion, (byte)4, 0L)]
    [InlineData(ListCursorFormatVersion, (byte)255, 0L)]
    [InlineData(ListCursorFormatVersion, (byte)ConnectionSort.CreatedAtDescending, -1L)]
    [InlineData(ListCursorFormatVersion, (byte)ConnectionSort.CreatedAtDescending, long.MinValue)]
    [InlineData(ListCursorFormatVersion, (byte)ConnectionSort.CreatedAtDescending, 3_155_378_976_000_000_000L)]
    [InlineData(ListCursorFormatVersion, (byte)ConnectionSort.CreatedAtDescending, long.MaxValue)]
    public async Task List_WithChecksummedCursorOutOfRange_Returns400(byte version, byte sort, long ticks)
    {
        var cursor = EncodeCursor(version, sort, ticks, Guid.CreateVersion7());

        using var response = await client.ListConnectionsAsync($"workspaceId={ConnectionsApi.NewWorkspaceId()}&cursor={cursor}");

        await ProblemAssert.IsValidationErrorAsync(response, "cursor", InvalidCursorMessage);
    }

    [Theory]
    [InlineData("createdAt", false, true)]
    [InlineData("createdAt", true, false)]
    [InlineData("-createdAt", true, true)]
    [InlineData("-createdAt", false, false)]
    [InlineData("updatedAt", false, true)]
    [InlineData("-updatedAt", true, true)]
    public async Task List_WithCursorAtEdgeOfTime_Returns200(string sort, bool atLatestTime, bool expectsAllRecords)
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        await CreateManyAsync(workspaceId, 2);
        var parsedSort = ConnectionSorts.Parse(sort);
        var cursor = atLatestTime
            ? EncodeCursor(ListCursorFormatVersion, (byte)parsedSort, DateTimeOffset.MaxValue.UtcTicks, Guid.AllBitsSet)
            : EncodeCursor(ListCursorFormatVersion, (byte)parsedSort, DateTimeOffset.MinValue.UtcTicks, Guid.Empty);

        var page = await client.ListPageAsync($"workspaceId={workspaceId}&sort={sort}&cursor={cursor}");

        Assert.Equal(expectsAllRecords ? 2 : 0, page.Items.Count);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task List_PatchBetweenUpdatedAtPages_RepeatsRecord()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var created = (await CreateManyAsync(workspaceId, 4)).Select(ConnectionsApi.Id).ToArray();
        var query = $"workspaceId={workspaceId}&sort=updatedAt&limit=2";
        var first = await client.ListPageAsync(query);

        await PatchLabelAsync(created[0]);
        var rest = await client.ListAllPagesAsync(query, first.NextCursor);

        // Pages read the current updatedAt, so the patch moved a record already seen behind the cursor.
        Assert.Equal(created[..2], first.Ids);
        Assert.Equal([created[2], created[3], created[0]], rest.SelectMany(page => page.Ids));
    }

    [Fact]
    public async Task List_PatchBetweenNewestUpdatedPages_SkipsRecord()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var created = (await CreateManyAsync(workspaceId, 4)).Select(ConnectionsApi.Id).ToArray();
        var query = $"workspaceId={workspaceId}&sort=-updatedAt&limit=2";
        var first = await client.ListPageAsync(query);

        await PatchLabelAsync(created[0]);
        var rest = await client.ListAllPagesAsync(query, first.NextCursor);

        // The patch moved a record not yet seen ahead of the cursor, so this walk never returns it.
        Assert.Equal([created[3], created[2]], first.Ids);
        Assert.Equal([created[1]], rest.SelectMany(page => page.Ids));
    }

    [Fact]
    public async Task List_PatchBetweenCreatedAtPages_KeepsOrder()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var created = (await CreateManyAsync(workspaceId, 4)).Select(ConnectionsApi.Id).ToArray();
        var query = $"workspaceId={workspaceId}&sort=createdAt&limit=2";
        var first = await client.ListPageAsync(query);

        var patched = await PatchLabelAsync(created[3]);
        var rest = await client.ListAllPagesAsync(query, first.NextCursor);

        var items = rest.SelectMany(page => page.Items).ToArray();
        Assert.Equal(created[2..], items.Select(ConnectionsApi.Id));
        Assert.Equal(patched.GetProperty("label").GetString(), items[^1].GetProperty("label").GetString());
    }

    [Fact]
    public async Task List_CursorRecordDeleted_ContinuesAfterIt()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var created = (await CreateManyAsync(workspaceId, 4)).Select(ConnectionsApi.Id).ToArray();
        var query = $"workspaceId={workspaceId}&limit=2";
        var first = await client.ListPageAsync(query);

        using (var deleted = await client.DeleteConnectionAsync(first.Ids[^1]))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var rest = await client.ListAllPagesAsync(query, first.NextCursor);

        Assert.Equal([created[3], created[2]], first.Ids);
        Assert.Equal([created[1], created[0]], rest.SelectMany(page => page.Ids));
    }

    [Fact]
    public async Task List_CreateBetweenCreatedAtPages_AppendsRecord()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var created = (await CreateManyAsync(workspaceId, 3)).Select(ConnectionsApi.Id).ToArray();
        var query = $"workspaceId={workspaceId}&sort=createdAt&limit=2";
        var first = await client.ListPageAsync(query);

        var (added, _) = await client.CreateConnectionAsync(ConnectionsApi.NewBody(workspaceId));
        var rest = await client.ListAllPagesAsync(query, first.NextCursor);

        Assert.Equal([created[2], added.Id()], rest.SelectMany(page => page.Ids));
    }

    [Fact]
    public async Task List_CreateBetweenNewestFirstPages_OmitsRecord()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var created = (await CreateManyAsync(workspaceId, 3)).Select(ConnectionsApi.Id).ToArray();
        var query = $"workspaceId={workspaceId}&limit=2";
        var first = await client.ListPageAsync(query);

        await client.CreateConnectionAsync(ConnectionsApi.NewBody(workspaceId));
        var rest = await client.ListAllPagesAsync(query, first.NextCursor);

        Assert.Equal([created[0]], rest.SelectMany(page => page.Ids));
    }

    /// <summary>
    /// Encodes a cursor byte for byte as <see cref="ListCursor"/> does: base64url of the format
    /// version (1 byte), the sort (1 byte), the sort key's UTC ticks (8 bytes, big-endian), the id
    /// (16 bytes, big-endian) and the first 8 bytes of the SHA-256 of those 26 bytes. Tests use it
    /// to build cursors whose checksum is right but whose fields are not.
    /// </summary>
    private static string EncodeCursor(byte version, byte sort, long ticks, Guid id)
    {
        var bytes = new byte[34];
        bytes[0] = version;
        bytes[1] = sort;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(2, 8), ticks);
        id.TryWriteBytes(bytes.AsSpan(10, 16), bigEndian: true, out _);
        SHA256.HashData(bytes.AsSpan(0, 26)).AsSpan(0, 8).CopyTo(bytes.AsSpan(26));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>
    /// Sets the lowest bit of a base64url character. The last character of a 34-byte cursor
    /// carries 2 bits of data and 4 spare bits that the encoder leaves zero, so this changes the
    /// text but not the decoded bytes.
    /// </summary>
    private static char SetSpareBit(char last)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return Alphabet[Alphabet.IndexOf(last, StringComparison.Ordinal) | 1];
    }

    /// <summary>Creates records one after another, so each has a later createdAt than the one before.</summary>
    private async Task<List<JsonElement>> CreateManyAsync(string workspaceId, int count)
    {
        var created = new List<JsonElement>();
        for (var i = 0; i < count; i++)
        {
            var (body, _) = await client.CreateConnectionAsync(ConnectionsApi.NewBody(workspaceId));
            created.Add(body);
        }

        return created;
    }

    /// <summary>Sets a new label, which moves updatedAt to the clock's next reading.</summary>
    private async Task<JsonElement> PatchLabelAsync(string id)
    {
        using var response = await client.PatchConnectionAsync(id, $$"""{"label":"label-{{Guid.NewGuid():N}}"}""");
        var body = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, $"Patch failed with {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>
    /// Creates two records in a new workspace and lists the first page of one record with
    /// <paramref name="sort"/>, or the default sort when null. Returns the query, without sort,
    /// and that page's nextCursor.
    /// </summary>
    private async Task<(string Query, string Cursor)> CreateFirstPageAsync(string? sort)
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        await CreateManyAsync(workspaceId, 2);
        var query = $"workspaceId={workspaceId}&limit=1";

        var page = await client.ListPageAsync(sort is null ? query : $"{query}&sort={sort}");

        Assert.NotNull(page.NextCursor);
        return (query, page.NextCursor);
    }

    /// <summary>
    /// Runs <paramref name="action"/> while the service clock moves <paramref name="step"/> per
    /// reading. A zero step gives every record the same timestamp. Tests of
    /// <see cref="ApiCollection"/> run one at a time, so no other test reads the clock meanwhile.
    /// </summary>
    private async Task<T> WithClockStepAsync<T>(TimeSpan step, Func<Task<T>> action)
    {
        var clock = fixture.Factory.Clock;
        var previousStep = clock.AutoAdvanceAmount;
        clock.AutoAdvanceAmount = step;
        try
        {
            return await action();
        }
        finally
        {
            // After a zero step the next reading would equal the last one, so move the clock past it.
            clock.AutoAdvanceAmount = previousStep;
            clock.Advance(previousStep);
        }
    }
}

using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Connections;

/// <summary>
/// The wire format of date-times over HTTP: RFC 3339 with an offset on input, UTC with a Z and
/// six fraction digits on output, microsecond precision, and UTC instants in the years 1 to 9999.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class DateTimeTests(ApiFixture fixture)
{
    private readonly HttpClient client = fixture.Client;

    /// <summary>Valid input and the text the service returns for it.</summary>
    public static TheoryData<string, string> ValidDateTimes => new()
    {
        { "2024-05-01T12:30:00Z", "2024-05-01T12:30:00.000000Z" },
        { "2024-05-01t12:30:00z", "2024-05-01T12:30:00.000000Z" },
        { "2024-05-01T14:30:00+02:00", "2024-05-01T12:30:00.000000Z" },
        { "2024-05-01T12:30:00.5-03:30", "2024-05-01T16:00:00.500000Z" },
        { "2024-05-01T12:30:00-00:00", "2024-05-01T12:30:00.000000Z" },
        { "2024-05-01T12:30:00+23:59", "2024-04-30T12:31:00.000000Z" },
        { "2024-12-31T23:30:00-01:00", "2025-01-01T00:30:00.000000Z" },
        { "2024-05-01T12:30:00.123456Z", "2024-05-01T12:30:00.123456Z" },
        { "2024-05-01T12:30:00.1234567Z", "2024-05-01T12:30:00.123456Z" },
        { "2024-05-01T12:30:00.9999999999999Z", "2024-05-01T12:30:00.999999Z" },
        { "2024-05-01T12:30:00.000001Z", "2024-05-01T12:30:00.000001Z" },
        { "2024-05-01T12:30:00.0000009Z", "2024-05-01T12:30:00.000000Z" },
        { "2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000000Z" },
        { "2000-02-29T23:59:59Z", "2000-02-29T23:59:59.000000Z" },
        { "0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000000Z" },
        { "0001-01-01T01:00:00+01:00", "0001-01-01T00:00:00.000000Z" },
        { "0001-01-01T00:00:00.000001Z", "0001-01-01T00:00:00.000001Z" },
        { "9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.999999Z" },
        { "9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.999999Z" },
        { "9999-12-31T22:59:59.999999-01:00", "9999-12-31T23:59:59.999999Z" },
    };

    /// <summary>Invalid input and a part of the message the service returns for it.</summary>
    public static TheoryData<string, string> InvalidDateTimes => new()
    {
        { "2024-05-01T12:30:00", "no offset" },
        { "2024-05-01T12:30:00.123", "no offset" },
        { "2024-02-30T00:00:00Z", "Not a valid calendar date" },
        { "2023-02-29T00:00:00Z", "Not a valid calendar date" },
        { "1900-02-29T00:00:00Z", "Not a valid calendar date" },
        { "2024-04-31T00:00:00Z", "Not a valid calendar date" },
        { "2024-13-01T00:00:00Z", "Not a valid calendar date" },
        { "2024-00-10T00:00:00Z", "Not a valid calendar date" },
        { "2024-05-00T00:00:00Z", "Not a valid calendar date" },
        { "0000-01-01T00:00:00Z", "Not a valid calendar date" },
        { "2024-05-01T24:00:00Z", "Not a valid calendar date" },
        { "2024-05-01T12:60:00Z", "Not a valid calendar date" },
        { "2024-12-31T23:59:60Z", "Leap seconds" },
        { "2016-12-31T23:59:60Z", "Leap seconds" },
        { "0001-01-01T00:30:00+01:00", "years 0001 to 9999" },
        { "0001-01-01T00:00:00.999999+00:01", "years 0001 to 9999" },
        { "9999-12-31T23:30:00-01:00", "years 0001 to 9999" },
        { "2024-05-01T12:30:00+24:00", "offset must be" },
        { "2024-05-01T12:30:00+02:60", "offset must be" },
        { "2024-05-01T12:30:00+0200", "RFC 3339" },
        { "2024-05-01T12:30:00+02", "RFC 3339" },
        { "2024-05-01 12:30:00Z", "RFC 3339" },
        { "2024-05-01T12:30Z", "RFC 3339" },
        { "2024-05-01T12:30:00.Z", "RFC 3339" },
        { "2024-5-1T12:30:00Z", "RFC 3339" },
        { "2024-05-01", "RFC 3339" },
        { "12:30:00Z", "RFC 3339" },
        { "+2024-05-01T12:30:00Z", "RFC 3339" },
        { "12024-05-01T12:30:00Z", "RFC 3339" },
        { " 2024-05-01T12:30:00Z", "RFC 3339" },
        { "2024-05-01T12:30:00Z ", "RFC 3339" },
        { "2024-05-01T12:30:00Z\n", "RFC 3339" },
        { "2024-05-01T12:30:00ZZ", "RFC 3339" },
        { "2024-05-01T12:30:00,5Z", "RFC 3339" },
        { "", "RFC 3339" },
        { "now", "RFC 3339" },
        { "\u0662\u0660\u0662\u0664-05-01T12:30:00Z", "RFC 3339" },
        { "\uff12\uff10\uff12\uff14-05-01T12:30:00Z", "RFC 3339" },
        { "2024-05-01T12:30:00.\u0661Z", "RFC 3339" },
    };

    public static TheoryData<string> NonStringValues => new() { "1714566600", "1714566600.5", "true", "{}", "[\"2024-05-01T12:30:00Z\"]" };

    [Theory]
    [MemberData(nameof(ValidDateTimes))]
    public async Task Create_WithValidDateTime_ReturnsUtcWithSixFractionDigits(string input, string expected)
    {
        var body = ConnectionsApi.NewBody();
        body["lastSyncAt"] = input;

        var stored = await client.CreateAndGetAsync(body);

        Assert.Equal(expected, stored.GetProperty("lastSyncAt").GetString());
    }

    [Theory]
    [MemberData(nameof(InvalidDateTimes))]
    public async Task Create_WithInvalidDateTime_Returns400(string input, string messagePart)
    {
        var body = ConnectionsApi.NewBody();
        body["lastSyncAt"] = input;

        using var response = await client.PostConnectionAsync(body);

        await ProblemAssert.IsValidationErrorAsync(response, "lastSyncAt", messagePart);
    }

    [Theory]
    [MemberData(nameof(NonStringValues))]
    public async Task Create_WithNonStringDateTime_Returns400(string rawValue)
    {
        var json = ConnectionsApi.NewBody().WithMember("lastSyncAt", rawValue);

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "lastSyncAt", "RFC 3339");
    }

    [Fact]
    public async Task Create_WithNullDateTime_StoresNull()
    {
        var body = ConnectionsApi.NewBody();
        body["lastSyncAt"] = null;

        var stored = await client.CreateAndGetAsync(body);

        Assert.Equal(JsonValueKind.Null, stored.GetProperty("lastSyncAt").ValueKind);
    }

    [Fact]
    public async Task Create_WithEscapedDateTime_DecodesEscapes()
    {
        // \u0054 is T and \u005a is Z, and JSON escapes are decoded before the date-time is parsed.
        var json = ConnectionsApi.NewBody().WithMember("lastSyncAt", "\"2024-05-01\\u005412:30:00\\u005a\"");

        var stored = await client.CreateAndGetAsync(json);

        Assert.Equal("2024-05-01T12:30:00.000000Z", stored.GetProperty("lastSyncAt").GetString());
    }

    [Fact]
    public async Task Create_ReturnsServiceTimestampsInWireFormat()
    {
        var stored = await client.CreateAndGetAsync(ConnectionsApi.NewBody());

        Assert.Matches(WireFormat(), stored.GetProperty("createdAt").GetString());
        Assert.Matches(WireFormat(), stored.GetProperty("updatedAt").GetString());
    }

    [Theory]
    [MemberData(nameof(ValidDateTimes))]
    public async Task Patch_WithValidDateTime_ReturnsUtcWithSixFractionDigits(string input, string expected)
    {
        var (created, _) = await client.CreateConnectionAsync();

        var stored = await client.PatchAndGetAsync(created.Id(), new JsonObject { ["lastSyncAt"] = input }.ToJsonString());

        Assert.Equal(expected, stored.GetProperty("lastSyncAt").GetString());
    }

    [Theory]
    [MemberData(nameof(InvalidDateTimes))]
    public async Task Patch_WithInvalidDateTime_Returns400AndKeepsRecord(string input, string messagePart)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), new JsonObject { ["lastSyncAt"] = input }.ToJsonString());

        await ProblemAssert.IsValidationErrorAsync(response, "lastSyncAt", messagePart);
        await client.AssertUnchangedAsync(created);
    }

    [Theory]
    [MemberData(nameof(NonStringValues))]
    public async Task Patch_WithNonStringDateTime_Returns400(string rawValue)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), new JsonObject().WithMember("lastSyncAt", rawValue));

        await ProblemAssert.IsValidationErrorAsync(response, "lastSyncAt", "RFC 3339");
    }

    [Fact]
    public async Task Patch_WithNullDateTime_ClearsIt()
    {
        var body = ConnectionsApi.NewBody();
        body["lastSyncAt"] = "2024-05-01T12:30:00Z";
        var (created, _) = await client.CreateConnectionAsync(body);

        var stored = await client.PatchAndGetAsync(created.Id(), """{"lastSyncAt":null}""");

        Assert.Equal(JsonValueKind.Null, stored.GetProperty("lastSyncAt").ValueKind);
    }

    [Fact]
    public async Task Patch_WithSameInstant_ChangesNothing()
    {
        var body = ConnectionsApi.NewBody();
        body["lastSyncAt"] = "2024-05-01T12:30:00.1234567Z";
        var (created, etag) = await client.CreateConnectionAsync(body);

        // The same instant after truncation to microseconds, written in another offset.
        using var response = await client.PatchConnectionAsync(created.Id(), """{"lastSyncAt":"2024-05-01T14:30:00.123456+02:00"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag?.ToString());
        await client.AssertUnchangedAsync(created);
    }

    [Fact]
    public async Task Patch_SetsUpdatedAtInWireFormat()
    {
        var (created, _) = await client.CreateConnectionAsync();

        var stored = await client.PatchAndGetAsync(created.Id(), """{"label":"changed"}""");

        Assert.Matches(WireFormat(), stored.GetProperty("updatedAt").GetString());
        Assert.Equal(created.GetProperty("createdAt").GetString(), stored.GetProperty("createdAt").GetString());
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z\z")]
    private static partial Regex WireFormat();
}

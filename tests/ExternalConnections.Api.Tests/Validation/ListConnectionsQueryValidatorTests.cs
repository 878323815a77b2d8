using ExternalConnections.Api.Connections.Listing;
using ExternalConnections.Api.Infrastructure.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ExternalConnections.Api.Tests.Validation;

public sealed class ListConnectionsQueryValidatorTests
{
    private readonly ListConnectionsQueryValidator validator = new();

    public static TheoryData<string> IdentifierParameters => new() { "workspaceId", "owningWorkspaceId", "owningUserId", "externalPrincipalId" };

    [Fact]
    public void Validate_WithoutParameters_IsValid()
    {
        var result = validator.Validate(Query(string.Empty));

        result.AssertValid();
    }

    [Fact]
    public void Validate_WithEveryParameter_IsValid()
    {
        var cursor = new ListCursor(ConnectionSort.UpdatedAtAscending, DateTimeOffset.UnixEpoch, Guid.CreateVersion7()).Encode();
        var query = "workspaceId=ws-1&workspaceId=ws-2&provider=slack&provider=github&connectionType=bot_token"
            + "&connectionStatus=active&visibilityMode=workspace_local&connectionRole=personal&owningWorkspaceId=o"
            + "&owningUserId=u&externalPrincipalId=p&aiAccessEnabled=true&aiAccessEnabled=false&sort=updatedAt&limit=200"
            + $"&cursor={cursor}";

        var result = validator.Validate(Query(query));

        result.AssertValid();
    }

    [Theory]
    [InlineData("foo=1", "foo")]
    [InlineData("WorkspaceId=ws-1", "WorkspaceId")]
    [InlineData("workspace_id=ws-1", "workspace_id")]
    [InlineData("page=2", "page")]
    [InlineData("limit=5&Limit=6", "Limit")]
    public void Validate_WithUnknownParameter_ReportsItsName(string query, string name)
    {
        var result = validator.Validate(Query(query));

        result.AssertErrorAt(name, "Unknown query parameter");
    }

    [Theory]
    [InlineData("sort=createdAt&sort=createdAt", "sort")]
    [InlineData("limit=5&limit=6", "limit")]
    [InlineData("cursor=a&cursor=a", "cursor")]
    public void Validate_WithRepeatedSingleValueParameter_ReportsIt(string query, string name)
    {
        var result = validator.Validate(Query(query));

        result.AssertErrorAt(name, "Give this parameter at most once.");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("-1")]
    [InlineData("%2B5")]
    [InlineData("%205")]
    [InlineData("5%20")]
    [InlineData("abc")]
    [InlineData("1.0")]
    [InlineData("1e2")]
    [InlineData("")]
    [InlineData("99999999999")]
    [InlineData("%D9%A5")]
    public void Validate_WithInvalidLimit_ReportsRange(string encodedLimit)
    {
        var result = validator.Validate(Query($"limit={encodedLimit}"));

        Assert.Equal(["Expected a whole number from 1 to 200."], result.ErrorsAt("limit"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("200")]
    [InlineData("050")]
    public void Validate_WithLimitInRange_IsValid(string limit)
    {
        var result = validator.Validate(Query($"limit={limit}"));

        result.AssertValid();
    }

    [Theory]
    [InlineData("provider", "slack", "Slack")]
    [InlineData("connectionType", "bot_token", "BOT_TOKEN")]
    [InlineData("connectionStatus", "active", "unknown")]
    [InlineData("visibilityMode", "global", "workspaceLocal")]
    [InlineData("connectionRole", "personal", "")]
    public void Validate_WithInvalidEnumValue_ReportsAllowedValues(string name, string validValue, string invalidValue)
    {
        var result = validator.Validate(Query($"{name}={validValue}&{name}={invalidValue}"));

        var message = Assert.Single(result.ErrorsAt(name));
        Assert.StartsWith("Expected one of:", message, StringComparison.Ordinal);
        Assert.Contains(validValue, message, StringComparison.Ordinal);
        Assert.Empty(result.ErrorsAt($"{name}[1]"));
    }

    [Theory]
    [InlineData("TRUE")]
    [InlineData("1")]
    [InlineData("yes")]
    [InlineData("")]
    public void Validate_WithInvalidAiAccessEnabled_ReportsIt(string value)
    {
        var result = validator.Validate(Query($"aiAccessEnabled={value}"));

        Assert.Equal(["Expected true or false."], result.ErrorsAt("aiAccessEnabled"));
    }

    [Theory]
    [InlineData("created_at")]
    [InlineData("%2BcreatedAt")]
    [InlineData("-id")]
    [InlineData("")]
    public void Validate_WithInvalidSort_ListsSorts(string encodedSort)
    {
        var result = validator.Validate(Query($"sort={encodedSort}"));

        Assert.Equal(["Expected one of: -createdAt, createdAt, -updatedAt, updatedAt."], result.ErrorsAt("sort"));
    }

    [Theory]
    [MemberData(nameof(IdentifierParameters))]
    public void Validate_WithIdentifierOf255Characters_IsValid(string name)
    {
        var result = validator.Validate(Query($"{name}={new string('a', 255)}"));

        result.AssertValid();
    }

    [Theory]
    [MemberData(nameof(IdentifierParameters))]
    public void Validate_WithIdentifierOf256Characters_ReportsItWithoutIndex(string name)
    {
        var result = validator.Validate(Query($"{name}=ok&{name}={new string('a', 256)}"));

        Assert.Equal(["Must be at most 255 characters long."], result.ErrorsAt(name));
        Assert.Empty(result.ErrorsAt($"{name}[1]"));
    }

    [Theory]
    [MemberData(nameof(IdentifierParameters))]
    public void Validate_WithBlankIdentifier_ReportsBlank(string name)
    {
        var result = validator.Validate(Query($"{name}=%20%20"));

        Assert.Equal(["Must not be blank."], result.ErrorsAt(name));
    }

    [Theory]
    [MemberData(nameof(IdentifierParameters))]
    public void Validate_WithNulInIdentifier_ReportsNul(string name)
    {
        var result = validator.Validate(Query($"{name}=a%00b"));

        Assert.Equal([JsonMessages.NulCharacter], result.ErrorsAt(name));
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Validate_WithInvalidCursor_ReportsIt(string cursor)
    {
        var result = validator.Validate(Query($"cursor={cursor}"));

        Assert.Equal(["Invalid cursor: pass the nextCursor of the previous page unchanged."], result.ErrorsAt("cursor"));
    }

    [Fact]
    public void Validate_WithCursorOfAnotherSort_ReportsMismatch()
    {
        var cursor = new ListCursor(ConnectionSort.UpdatedAtAscending, DateTimeOffset.UnixEpoch, Guid.CreateVersion7()).Encode();

        var result = validator.Validate(Query($"sort=createdAt&cursor={cursor}"));

        result.AssertErrorAt("cursor", "belongs to another sort");
        result.AssertErrorAt("cursor", "not createdAt");
    }

    [Fact]
    public void Validate_WithDefaultSortCursor_IsValid()
    {
        var cursor = new ListCursor(ConnectionSorts.Default, DateTimeOffset.UnixEpoch, Guid.CreateVersion7()).Encode();

        var result = validator.Validate(Query($"cursor={cursor}"));

        result.AssertValid();
    }

    [Fact]
    public void Validate_WithoutSortForOtherCursor_ReportsDefault()
    {
        var cursor = new ListCursor(ConnectionSort.CreatedAtAscending, DateTimeOffset.UnixEpoch, Guid.CreateVersion7()).Encode();

        var result = validator.Validate(Query($"cursor={cursor}"));

        result.AssertErrorAt("cursor", "not -createdAt");
    }

    [Fact]
    public void Validate_WithInvalidSortAndCursor_ReportsOnlySort()
    {
        var cursor = new ListCursor(ConnectionSort.CreatedAtAscending, DateTimeOffset.UnixEpoch, Guid.CreateVersion7()).Encode();

        var result = validator.Validate(Query($"sort=name&cursor={cursor}"));

        Assert.NotEmpty(result.ErrorsAt("sort"));
        Assert.Empty(result.ErrorsAt("cursor"));
    }

    /// <summary>
    /// Builds the query as model binding would from <paramref name="queryString"/>: repeated
    /// values in arrays, names matched without regard to case, and the raw string on the request.
    /// </summary>
    private static ListConnectionsQuery Query(string queryString)
    {
        var values = QueryHelpers.ParseQuery(queryString);
        string[]? Many(string name) =>
            values.TryGetValue(name, out var found) ? found.Select(value => value ?? string.Empty).ToArray() : null;
        string? One(string name) => values.TryGetValue(name, out var found) ? found.ToString() : null;

        var request = new DefaultHttpContext().Request;
        request.QueryString = queryString.Length == 0 ? QueryString.Empty : new QueryString("?" + queryString);
        return new ListConnectionsQuery
        {
            WorkspaceId = Many("workspaceId"),
            Provider = Many("provider"),
            ConnectionType = Many("connectionType"),
            ConnectionStatus = Many("connectionStatus"),
            VisibilityMode = Many("visibilityMode"),
            ConnectionRole = Many("connectionRole"),
            OwningWorkspaceId = Many("owningWorkspaceId"),
            OwningUserId = Many("owningUserId"),
            ExternalPrincipalId = Many("externalPrincipalId"),
            AiAccessEnabled = Many("aiAccessEnabled"),
            Sort = One("sort"),
            Limit = One("limit"),
            Cursor = One("cursor"),
            Request = request,
        };
    }
}

using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Connections;

/// <summary>Filters and the validation of every query parameter of <c>GET /api/v1/external-connections</c>.</summary>
[Collection(ApiCollection.Name)]
public sealed class ListConnectionsQueryTests(ApiFixture fixture)
{
    private const string UnknownParameterMessage = "Unknown query parameter.";

    private static readonly string[] IdentifierFilters = ["workspaceId", "owningWorkspaceId", "owningUserId", "externalPrincipalId"];

    private readonly HttpClient client = fixture.Client;

    public static TheoryData<string> IdentifierFilterNames() => new(IdentifierFilters);

    public static TheoryData<string, string, string> InvalidIdentifierValues()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var filter in IdentifierFilters)
        {
            data.Add(filter, string.Empty, "Must not be blank.");
            data.Add(filter, "%20%09", "Must not be blank.");
            data.Add(filter, new string('a', 256), "Must be at most 255 characters long.");
            data.Add(filter, "a%00b", "NUL character");
            data.Add(filter, "%FF", "not valid UTF-8");
            data.Add(filter, "a%ED%A0%80b", "not valid UTF-8");
        }

        return data;
    }

    [Fact]
    public async Task List_WithOneMatch_ReturnsItemsAndCursor()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var (created, _) = await client.CreateConnectionAsync(ConnectionsApi.NewBody(workspaceId));
        using var fetched = await client.GetConnectionAsync(created.Id());
        var stored = await fetched.ReadJsonAsync();

        using var response = await client.ListConnectionsAsync($"workspaceId={workspaceId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var page = await response.ReadJsonAsync();
        Assert.Equal(["items", "nextCursor"], page.EnumerateObject().Select(property => property.Name));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(stored.GetRawText(), item.GetRawText());
    }

    [Fact]
    public async Task List_WithFilterMatchingNothing_ReturnsEmptyPage()
    {
        using var response = await client.ListConnectionsAsync($"workspaceId={ConnectionsApi.NewWorkspaceId()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadJsonAsync();
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task List_WithTwoWorkspaces_ReturnsBoth()
    {
        var first = ConnectionsApi.NewWorkspaceId();
        var second = ConnectionsApi.NewWorkspaceId();
        var (inFirst, _) = await client.CreateConnectionAsync(ConnectionsApi.NewBody(first));
        var (inSecond, _) = await client.CreateConnectionAsync(ConnectionsApi.NewBody(second));
        await client.CreateConnectionAsync();

        var page = await client.ListPageAsync($"workspaceId={first}&workspaceId={second}");

        Assert.Equal([inSecond.Id(), inFirst.Id()], page.Ids);
    }

    [Fact]
    public async Task List_WithRepeatedValue_ReturnsRecordOnce()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var (created, _) = await client.CreateConnectionAsync(ConnectionsApi.NewBody(workspaceId));

        var page = await client.ListPageAsync($"workspaceId={workspaceId}&workspaceId={workspaceId}&provider=slack&provider=slack");

        Assert.Equal([created.Id()], page.Ids);
    }

    [Theory]
    [InlineData("provider", "slack", "jira", "github")]
    [InlineData("provider", "google_workspace", "microsoft_teams", "generic_monitoring")]
    [InlineData("connectionType", "bot_token", "webhook", "user_oauth")]
    [InlineData("connectionType", "service_account", "github_app", "bot_token")]
    [InlineData("connectionStatus", "active", "error", "revoked")]
    [InlineData("connectionStatus", "disconnected", "expired", "active")]
    [InlineData("visibilityMode", "global", "shared", "workspace_local")]
    public async Task List_WithEnumFilterRepeated_ReturnsEither(string filter, string first, string second, string other)
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var ids = new Dictionary<string, string>();
        foreach (var value in new[] { first, second, other })
        {
            var body = ConnectionsApi.NewBody(workspaceId);
            body[filter] = value;
            ids[value] = (await client.CreateConnectionAsync(body)).Body.Id();
        }

        var both = await client.ListPageAsync($"workspaceId={workspaceId}&{filter}={first}&{filter}={second}");
        var single = await client.ListPageAsync($"workspaceId={workspaceId}&{filter}={other}");

        Assert.Equal([ids[second], ids[first]], both.Ids);
        Assert.Equal([ids[other]], single.Ids);
    }

    [Fact]
    public async Task List_ByConnectionRole_ReturnsThatRole()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var orchestratorBody = ConnectionsApi.NewBody(workspaceId);
        orchestratorBody["connectionRole"] = "orchestrator";
        var (orchestrator, _) = await client.CreateConnectionAsync(orchestratorBody);
        var (personal, _) = await client.CreateConnectionAsync(ConnectionsApi.NewBody(workspaceId));
        var query = $"workspaceId={workspaceId}";

        var orchestrators = await client.ListPageAsync($"{query}&connectionRole=orchestrator");
        var personals = await client.ListPageAsync($"{query}&connectionRole=personal");
        var both = await client.ListPageAsync($"{query}&connectionRole=personal&connectionRole=orchestrator");

        Assert.Equal([orchestrator.Id()], orchestrators.Ids);
        Assert.Equal([personal.Id()], personals.Ids);
        Assert.Equal([personal.Id(), orchestrator.Id()], both.Ids);
    }

    [Fact]
    public async Task List_ByAiAccessEnabled_ReturnsThatValue()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var enabledBody = ConnectionsApi.NewBody(workspaceId);
        enabledBody["aiAccessEnabled"] = true;
        var (enabled, _) = await client.CreateConnectionAsync(enabledBody);
        var (disabled, _) = await client.CreateConnectionAsync(ConnectionsApi.NewBody(workspaceId));
        var query = $"workspaceId={workspaceId}";

        var enabledPage = await client.ListPageAsync($"{query}&aiAccessEnabled=true");
        var disabledPage = await client.ListPageAsync($"{query}&aiAccessEnabled=false");
        var both = await client.ListPageAsync($"{query}&aiAccessEnabled=true&aiAccessEnabled=false");

        Assert.Equal([enabled.Id()], enabledPage.Ids);
        Assert.Equal([disabled.Id()], disabledPage.Ids);
        Assert.Equal([disabled.Id(), enabled.Id()], both.Ids);
    }

    [Theory]
    [InlineData("owningWorkspaceId")]
    [InlineData("owningUserId")]
    [InlineData("externalPrincipalId")]
    public async Task List_ByOptionalIdentifier_ReturnsMatches(string filter)
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var values = Enumerable.Range(0, 3).Select(_ => $"{filter}-{Guid.NewGuid():N}").ToArray();
        var ids = new List<string>();
        foreach (var value in values)
        {
            var body = ConnectionsApi.NewBody(workspaceId);
            body[filter] = value;
            ids.Add((await client.CreateConnectionAsync(body)).Body.Id());
        }

        // A record without the identifier must match no value of its filter.
        await client.CreateConnectionAsync(ConnectionsApi.NewBody(workspaceId));

        var both = await client.ListPageAsync($"workspaceId={workspaceId}&{filter}={values[0]}&{filter}={values[1]}");
        var withoutWorkspace = await client.ListPageAsync($"{filter}={values[2]}");

        Assert.Equal([ids[1], ids[0]], both.Ids);
        Assert.Equal([ids[2]], withoutWorkspace.Ids);
    }

    [Fact]
    public async Task List_WithTwoFilters_ReturnsIntersection()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var ids = new Dictionary<string, string>();
        foreach (var (provider, status) in new[] { ("slack", "active"), ("slack", "error"), ("jira", "active"), ("jira", "error"), ("github", "error") })
        {
            var body = ConnectionsApi.NewBody(workspaceId);
            body["provider"] = provider;
            body["connectionStatus"] = status;
            ids[$"{provider}/{status}"] = (await client.CreateConnectionAsync(body)).Body.Id();
        }

        var page = await client.ListPageAsync($"workspaceId={workspaceId}&provider=slack&provider=jira&connectionStatus=error");

        Assert.Equal([ids["jira/error"], ids["slack/error"]], page.Ids);
    }

    [Fact]
    public async Task List_WithEveryFilter_ReturnsOnlyFullMatch()
    {
        var unique = Guid.NewGuid().ToString("N");
        var filters = new Dictionary<string, (JsonNode Matching, JsonNode Other)>
        {
            ["workspaceId"] = (ConnectionsApi.NewWorkspaceId(), ConnectionsApi.NewWorkspaceId()),
            ["provider"] = ("discord", "telegram"),
            ["connectionType"] = ("webhook", "bot_token"),
            ["connectionStatus"] = ("expired", "active"),
            ["visibilityMode"] = ("shared", "global"),
            ["connectionRole"] = ("orchestrator", "personal"),
            ["owningWorkspaceId"] = ($"owner-{unique}", $"other-owner-{unique}"),
            ["owningUserId"] = ($"user-{unique}", $"other-user-{unique}"),
            ["externalPrincipalId"] = ($"principal-{unique}", $"other-principal-{unique}"),
            ["aiAccessEnabled"] = (true, false),
        };
        var target = await CreateWithAsync(filters.ToDictionary(pair => pair.Key, pair => pair.Value.Matching));

        // Each variant matches every filter but one.
        var variants = new Dictionary<string, string>();
        foreach (var name in filters.Keys)
        {
            var fields = filters.ToDictionary(pair => pair.Key, pair => pair.Key == name ? pair.Value.Other : pair.Value.Matching);
            variants[name] = await CreateWithAsync(fields);
        }

        var all = await client.ListPageAsync(QueryFor(filters.Keys));
        var withOneFilterLeftOut = new List<string>();
        foreach (var name in filters.Keys)
        {
            var page = await client.ListPageAsync(QueryFor(filters.Keys.Where(key => key != name)));
            withOneFilterLeftOut.Add($"without {name}: {string.Join(", ", page.Ids)}");
        }

        Assert.Equal([target], all.Ids);
        Assert.Equal(filters.Keys.Select(name => $"without {name}: {variants[name]}, {target}"), withOneFilterLeftOut);

        string QueryFor(IEnumerable<string> names) =>
            string.Join("&", names.Select(name => $"{name}={Uri.EscapeDataString(ToQueryValue(filters[name].Matching))}"));
    }

    [Theory]
    [InlineData("prefix")]
    [InlineData("extended")]
    [InlineData("uppercased")]
    [InlineData("space appended")]
    [InlineData("LIKE wildcard")]
    [InlineData("regular expression")]
    public async Task List_WithNearMatchOfIdentifier_ReturnsEmptyPage(string change)
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        await client.CreateConnectionAsync(ConnectionsApi.NewBody(workspaceId));
        var nearMatch = change switch
        {
            "prefix" => workspaceId[..^1],
            "extended" => workspaceId + "0",
            "uppercased" => workspaceId.ToUpperInvariant(),
            "space appended" => workspaceId + " ",
            "LIKE wildcard" => workspaceId[..^1] + "_",
            _ => workspaceId[..^1] + ".*",
        };

        var page = await client.ListPageAsync($"workspaceId={Uri.EscapeDataString(nearMatch)}");

        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task List_ByIdentifierWithReservedCharacters_MatchesExactly()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var owningUserId = $"user+{Guid.NewGuid():N}@example.com/ä &x=y?z#%20";
        var body = ConnectionsApi.NewBody(workspaceId);
        body["owningUserId"] = owningUserId;
        var (created, _) = await client.CreateConnectionAsync(body);

        var page = await client.ListPageAsync($"owningUserId={Uri.EscapeDataString(owningUserId)}");

        Assert.Equal([created.Id()], page.Ids);
    }

    [Theory]
    [MemberData(nameof(IdentifierFilterNames))]
    public async Task List_ByIdentifierOf255CodePoints_MatchesRecord(string filter)
    {
        // The limit counts code points, so 32 hex digits and 223 emoji (255 code points, 478 UTF-16
        // code units) are within it.
        var value = Guid.NewGuid().ToString("N") + string.Concat(Enumerable.Repeat("😀", 223));
        var body = ConnectionsApi.NewBody();
        body[filter] = value;
        var (created, _) = await client.CreateConnectionAsync(body);

        var page = await client.ListPageAsync($"{filter}={Uri.EscapeDataString(value)}");

        Assert.Equal([created.Id()], page.Ids);
    }

    [Theory]
    [MemberData(nameof(InvalidIdentifierValues))]
    public async Task List_WithInvalidIdentifier_Returns400(string filter, string value, string message)
    {
        using var response = await client.ListConnectionsAsync($"{filter}={value}");

        await ProblemAssert.IsValidationErrorAsync(response, filter, message);
    }

    [Theory]
    [InlineData("provider", "Slack")]
    [InlineData("provider", "SLACK")]
    [InlineData("provider", "googleWorkspace")]
    [InlineData("provider", "google-workspace")]
    [InlineData("provider", "slack%20")]
    [InlineData("provider", "")]
    [InlineData("provider", "5")]
    [InlineData("connectionType", "BotToken")]
    [InlineData("connectionType", "bot-token")]
    [InlineData("connectionType", "BOT_TOKEN")]
    [InlineData("connectionStatus", "Active")]
    [InlineData("connectionStatus", "deleted")]
    [InlineData("connectionStatus", "0")]
    [InlineData("visibilityMode", "workspaceLocal")]
    [InlineData("visibilityMode", "WORKSPACE_LOCAL")]
    [InlineData("connectionRole", "Personal")]
    [InlineData("connectionRole", "admin")]
    public async Task List_WithInvalidEnumValue_Returns400(string filter, string value)
    {
        using var response = await client.ListConnectionsAsync($"{filter}={value}");

        await ProblemAssert.IsValidationErrorAsync(response, filter, "Expected one of: ");
    }

    [Fact]
    public async Task List_WithInvalidRepeat_Returns400WithoutIndex()
    {
        using var response = await client.ListConnectionsAsync("provider=slack&provider=Jira&provider=github");

        var problem = await ProblemAssert.IsValidationErrorAsync(response, "provider", "Expected one of: ");
        Assert.Equal(["provider"], problem.GetProperty("errors").EnumerateObject().Select(property => property.Name));
    }

    [Theory]
    [InlineData("TRUE")]
    [InlineData("True")]
    [InlineData("FALSE")]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("")]
    [InlineData("true%20")]
    public async Task List_WithInvalidAiAccessEnabled_Returns400(string value)
    {
        using var response = await client.ListConnectionsAsync($"workspaceId={ConnectionsApi.NewWorkspaceId()}&aiAccessEnabled={value}");

        await ProblemAssert.IsValidationErrorAsync(response, "aiAccessEnabled", "Expected true or false.");
    }

    [Theory]
    [InlineData("WorkspaceId")]
    [InlineData("workspaceid")]
    [InlineData("WORKSPACEID")]
    [InlineData("workspace_id")]
    [InlineData("AiAccessEnabled")]
    [InlineData("Sort")]
    [InlineData("LIMIT")]
    [InlineData("Cursor")]
    [InlineData("page")]
    [InlineData("offset")]
    [InlineData("id")]
    [InlineData("workspaceId[]")]
    public async Task List_WithUnknownParameter_Returns400NamingIt(string name)
    {
        var query = $"workspaceId={ConnectionsApi.NewWorkspaceId()}&{Uri.EscapeDataString(name)}=x";

        using var response = await client.ListConnectionsAsync(query);

        await ProblemAssert.IsValidationErrorAsync(response, name, UnknownParameterMessage);
    }

    [Fact]
    public async Task List_WithManyUnknownParameters_ListsTwenty()
    {
        var query = string.Join('&', Enumerable.Range(0, 25).Select(index => $"unknown{index}=x"));

        using var response = await client.ListConnectionsAsync(query);

        var problem = await ProblemAssert.IsValidationErrorAsync(response, "$query", "5 more unknown query parameters are not listed.");
        var listed = problem.GetProperty("errors").EnumerateObject().Count(error => error.Name.StartsWith("unknown", StringComparison.Ordinal));
        Assert.Equal(20, listed);
    }

    [Fact]
    public async Task List_WithParameterOfEmptyName_Returns400()
    {
        using var response = await client.ListConnectionsAsync($"workspaceId={ConnectionsApi.NewWorkspaceId()}&=x");

        await ProblemAssert.IsValidationErrorAsync(response, string.Empty, UnknownParameterMessage);
    }

    [Fact]
    public async Task List_WithMiscasedDuplicate_Returns400()
    {
        // ASP.NET Core reads query names case-insensitively, so without the check the second
        // workspace would join the first.
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        var otherWorkspaceId = ConnectionsApi.NewWorkspaceId();
        await client.CreateConnectionAsync(ConnectionsApi.NewBody(otherWorkspaceId));

        using var response = await client.ListConnectionsAsync($"workspaceId={workspaceId}&WorkspaceId={otherWorkspaceId}");

        await ProblemAssert.IsValidationErrorAsync(response, "WorkspaceId", UnknownParameterMessage);
    }

    [Theory]
    [InlineData("sort=createdAt&sort=createdAt", "sort")]
    [InlineData("sort=createdAt&sort=-createdAt", "sort")]
    [InlineData("s%6Frt=createdAt&sort=createdAt", "sort")]
    [InlineData("limit=10&limit=10", "limit")]
    [InlineData("limit=10&limit=20", "limit")]
    [InlineData("cursor=a&cursor=b", "cursor")]
    public async Task List_WithRepeatedSingleValueParameter_Returns400(string parameters, string name)
    {
        using var response = await client.ListConnectionsAsync($"workspaceId={ConnectionsApi.NewWorkspaceId()}&{parameters}");

        await ProblemAssert.IsValidationErrorAsync(response, name, "Give this parameter at most once.");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("201")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("1e2")]
    [InlineData("0x10")]
    [InlineData("%2B1")]
    [InlineData("%201")]
    [InlineData("1%20")]
    [InlineData("2147483648")]
    [InlineData("99999999999999999999")]
    [InlineData("%D9%A1")]
    [InlineData("%EF%BC%91")]
    [InlineData("")]
    public async Task List_WithInvalidLimit_Returns400(string limit)
    {
        using var response = await client.ListConnectionsAsync($"workspaceId={ConnectionsApi.NewWorkspaceId()}&limit={limit}");

        await ProblemAssert.IsValidationErrorAsync(response, "limit", "Expected a whole number from 1 to 200.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("created_at")]
    [InlineData("createdat")]
    [InlineData("CreatedAt")]
    [InlineData("%2BcreatedAt")]
    [InlineData("--createdAt")]
    [InlineData("-createdAt%20")]
    [InlineData("id")]
    [InlineData("-id")]
    [InlineData("createdAt,id")]
    [InlineData("label")]
    public async Task List_WithInvalidSort_Returns400(string sort)
    {
        using var response = await client.ListConnectionsAsync($"workspaceId={ConnectionsApi.NewWorkspaceId()}&sort={sort}");

        await ProblemAssert.IsValidationErrorAsync(response, "sort", "Expected one of: -createdAt, createdAt, -updatedAt, updatedAt.");
    }

    [Fact]
    public async Task List_WithSeveralInvalidParameters_NamesEachOne()
    {
        using var response = await client.ListConnectionsAsync("limit=0&sort=newest&provider=Slack&aiAccessEnabled=1&Foo=1&workspaceId=");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsAt("limit"));
        Assert.NotEmpty(problem.ErrorsAt("sort"));
        Assert.NotEmpty(problem.ErrorsAt("provider"));
        Assert.NotEmpty(problem.ErrorsAt("aiAccessEnabled"));
        Assert.NotEmpty(problem.ErrorsAt("Foo"));
        Assert.NotEmpty(problem.ErrorsAt("workspaceId"));
    }

    private static string ToQueryValue(JsonNode value) =>
        value.GetValueKind() switch
        {
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => value.GetValue<string>(),
        };

    /// <summary>Creates a record with the given fields on top of a valid body and returns its id.</summary>
    private async Task<string> CreateWithAsync(Dictionary<string, JsonNode> fields)
    {
        var body = ConnectionsApi.NewBody();
        foreach (var (name, value) in fields)
        {
            body[name] = value.DeepClone();
        }

        return (await client.CreateConnectionAsync(body)).Body.Id();
    }
}

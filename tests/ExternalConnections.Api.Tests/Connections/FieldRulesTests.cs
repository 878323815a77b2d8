using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Connections;

/// <summary>
/// The rules for text fields and <c>scopesJson</c>, over HTTP. Lengths count Unicode code points,
/// as PostgreSQL varchar does, so an emoji is one character although .NET stores it as two chars.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FieldRulesTests(ApiFixture fixture)
{
    private const string Emoji = "\U0001F600";

    private readonly HttpClient client = fixture.Client;

    /// <summary>Text fields of a create request with their maximum lengths in code points.</summary>
    public static TheoryData<string, int> TextFields => new()
    {
        { "workspaceId", 255 },
        { "owningWorkspaceId", 255 },
        { "owningUserId", 255 },
        { "externalPrincipalId", 255 },
        { "externalSub", 255 },
        { "label", 255 },
        { "encryptedCredentialsRef", 2048 },
    };

    /// <summary>The text fields a merge patch may set: all but workspaceId, which is fixed at creation.</summary>
    public static TheoryData<string, int> PatchableTextFields => new()
    {
        { "owningWorkspaceId", 255 },
        { "owningUserId", 255 },
        { "externalPrincipalId", 255 },
        { "externalSub", 255 },
        { "label", 255 },
        { "encryptedCredentialsRef", 2048 },
    };

    public static TheoryData<string> TextFieldNames => Names(TextFields);

    public static TheoryData<string> PatchableTextFieldNames => Names(PatchableTextFields);

    public static TheoryData<string> OptionalTextFieldNames => new()
    {
        "owningWorkspaceId", "owningUserId", "externalPrincipalId", "externalSub", "label", "encryptedCredentialsRef",
    };

    /// <summary>Values that .NET counts as white space only: ASCII, no-break, em and ideographic spaces.</summary>
    public static TheoryData<string> BlankValues => new() { "", " ", "   ", "\t\r\n", "\u00a0", "\u2003\u3000" };

    public static TheoryData<string, string> TextFieldsWithBlankValues => Cross(TextFieldNames, BlankValues);

    public static TheoryData<string, string> PatchableTextFieldsWithBlankValues => Cross(PatchableTextFieldNames, BlankValues);

    /// <summary>JSON values of the wrong type for a string field.</summary>
    public static TheoryData<string, string> TextFieldsWithNonStringValues =>
        Cross(TextFieldNames, new TheoryData<string> { "5", "true", "{}", "[\"a\"]" });

    /// <summary>JSON string literals with a surrogate escape that has no partner.</summary>
    public static TheoryData<string> UnpairedSurrogateLiterals => new()
    {
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"a\\ud800b\"",
        "\"\\ude00\\ud83d\"",
        "\"\\ud83d\\ud83d\"",
    };

    [Theory]
    [MemberData(nameof(TextFields))]
    public async Task Create_WithTextOfMaxLength_StoresIt(string field, int maxLength)
    {
        var value = new string('a', maxLength);
        var body = ConnectionsApi.NewBody();
        body[field] = value;

        var stored = await client.CreateAndGetAsync(body);

        Assert.Equal(value, stored.GetProperty(field).GetString());
    }

    [Theory]
    [MemberData(nameof(TextFields))]
    public async Task Create_WithTextOverMaxLength_Returns400(string field, int maxLength)
    {
        var body = ConnectionsApi.NewBody();
        body[field] = new string('a', maxLength + 1);

        using var response = await client.PostConnectionAsync(body);

        await ProblemAssert.IsValidationErrorAsync(response, field, $"at most {maxLength} characters");
    }

    [Theory]
    [MemberData(nameof(TextFields))]
    public async Task Create_WithEmojiTextOfMaxLength_StoresIt(string field, int maxLength)
    {
        var value = RawJson.Repeat(Emoji, maxLength);
        var json = ConnectionsApi.NewBody().WithMember(field, RawJson.Quote(value));

        var stored = await client.CreateAndGetAsync(json);

        Assert.Equal(value, stored.GetProperty(field).GetString());
    }

    [Theory]
    [MemberData(nameof(TextFields))]
    public async Task Create_WithEmojiTextOverMaxLength_Returns400(string field, int maxLength)
    {
        var json = ConnectionsApi.NewBody().WithMember(field, RawJson.Quote(RawJson.Repeat(Emoji, maxLength + 1)));

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, field, $"at most {maxLength} characters");
    }

    [Fact]
    public async Task Create_WithCombiningMarksAtLimit_StoresIt()
    {
        // "e" followed by U+0301 shows as one letter but is two code points, and PostgreSQL counts two.
        // 127 such letters and one plain "e" are 255 code points.
        var value = RawJson.Repeat("e\u0301", 127) + "e";
        var body = ConnectionsApi.NewBody();
        body["label"] = value;

        var stored = await client.CreateAndGetAsync(body);

        Assert.Equal(value, stored.GetProperty("label").GetString());
    }

    [Fact]
    public async Task Create_WithCombiningMarksOverLimit_Returns400()
    {
        // 128 letters of two code points each are 256 code points.
        var body = ConnectionsApi.NewBody();
        body["label"] = RawJson.Repeat("e\u0301", 128);

        using var response = await client.PostConnectionAsync(body);

        await ProblemAssert.IsValidationErrorAsync(response, "label", "at most 255 characters");
    }

    [Theory]
    [MemberData(nameof(TextFieldsWithBlankValues))]
    public async Task Create_WithBlankText_Returns400(string field, string blank)
    {
        var body = ConnectionsApi.NewBody();
        body[field] = blank;

        using var response = await client.PostConnectionAsync(body);

        await ProblemAssert.IsValidationErrorAsync(response, field, "Must not be blank");
    }

    [Theory]
    [MemberData(nameof(TextFields))]
    public async Task Create_WithTextPaddedBySpaces_StoresItUntrimmed(string field, int maxLength)
    {
        var value = " " + new string('a', maxLength - 2) + " ";
        var body = ConnectionsApi.NewBody();
        body[field] = value;

        var stored = await client.CreateAndGetAsync(body);

        Assert.Equal(value, stored.GetProperty(field).GetString());
    }

    [Theory]
    [MemberData(nameof(TextFieldNames))]
    public async Task Create_WithNulInText_Returns400(string field)
    {
        var json = ConnectionsApi.NewBody().WithMember(field, "\"a\\u0000b\"");

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, field, "NUL character");
    }

    [Theory]
    [MemberData(nameof(TextFieldNames))]
    public async Task Create_WithUnpairedSurrogateInText_Returns400(string field)
    {
        var json = ConnectionsApi.NewBody().WithMember(field, "\"a\\ud800b\"");

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, field, "unpaired UTF-16 surrogate");
    }

    [Theory]
    [MemberData(nameof(UnpairedSurrogateLiterals))]
    public async Task Create_WithUnpairedSurrogateInLabel_Returns400(string literal)
    {
        var json = ConnectionsApi.NewBody().WithMember("label", literal);

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "label", "unpaired UTF-16 surrogate");
    }

    [Fact]
    public async Task Create_WithEscapedSurrogatePair_StoresTheCharacter()
    {
        var json = ConnectionsApi.NewBody().WithMember("label", "\"\\ud83d\\ude00\"");

        var stored = await client.CreateAndGetAsync(json);

        Assert.Equal(Emoji, stored.GetProperty("label").GetString());
    }

    [Theory]
    [MemberData(nameof(TextFieldsWithNonStringValues))]
    public async Task Create_WithNonStringText_Returns400(string field, string rawValue)
    {
        var json = ConnectionsApi.NewBody().WithMember(field, rawValue);

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, field, "Expected a string");
    }

    [Theory]
    [MemberData(nameof(OptionalTextFieldNames))]
    public async Task Create_WithNullOptionalText_StoresNull(string field)
    {
        var body = ConnectionsApi.NewBody();
        body[field] = null;

        var stored = await client.CreateAndGetAsync(body);

        Assert.Equal(JsonValueKind.Null, stored.GetProperty(field).ValueKind);
    }

    [Fact]
    public async Task Create_WithNullWorkspaceId_Returns400()
    {
        var body = ConnectionsApi.NewBody();
        body["workspaceId"] = null;

        using var response = await client.PostConnectionAsync(body);

        await ProblemAssert.IsValidationErrorAsync(response, "workspaceId", "Required");
    }

    [Fact]
    public async Task Create_WithSeveralInvalidFields_ReportsEach()
    {
        var body = ConnectionsApi.NewBody();
        body["label"] = new string('a', 256);
        body["owningUserId"] = " ";
        body["encryptedCredentialsRef"] = new string('a', 2049);

        using var response = await client.PostConnectionAsync(body);

        var problem = await ProblemAssert.IsValidationErrorAsync(response, "label", "at most 255 characters");
        Assert.Contains(problem.ErrorsAt("owningUserId"), message => message.Contains("blank", StringComparison.Ordinal));
        Assert.Contains(problem.ErrorsAt("encryptedCredentialsRef"), message => message.Contains("2048", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_WithScopes_KeepsOrderAndDuplicates()
    {
        var body = ConnectionsApi.NewBody();
        body["scopesJson"] = new JsonArray("write", "read", "write", "admin", "read");

        var stored = await client.CreateAndGetAsync(body);

        string[] expected = ["write", "read", "write", "admin", "read"];
        Assert.Equal(expected, Scopes(stored));
    }

    [Fact]
    public async Task Create_WithEmptyScopes_StoresEmptyArray()
    {
        var body = ConnectionsApi.NewBody();
        body["scopesJson"] = new JsonArray();

        var stored = await client.CreateAndGetAsync(body);

        Assert.Equal(JsonValueKind.Array, stored.GetProperty("scopesJson").ValueKind);
        Assert.Equal(0, stored.GetProperty("scopesJson").GetArrayLength());
    }

    [Fact]
    public async Task Create_WithNullScopes_StoresNull()
    {
        var body = ConnectionsApi.NewBody();
        body["scopesJson"] = null;

        var stored = await client.CreateAndGetAsync(body);

        Assert.Equal(JsonValueKind.Null, stored.GetProperty("scopesJson").ValueKind);
    }

    [Fact]
    public async Task Create_With200Scopes_StoresAll()
    {
        var scopes = Enumerable.Range(0, 200).Select(index => $"scope-{index}").ToArray();
        var body = ConnectionsApi.NewBody();
        body["scopesJson"] = new JsonArray(scopes.Select(scope => (JsonNode)scope).ToArray());

        var stored = await client.CreateAndGetAsync(body);

        Assert.Equal(scopes, Scopes(stored));
    }

    [Fact]
    public async Task Create_With201Scopes_Returns400()
    {
        var body = ConnectionsApi.NewBody();
        body["scopesJson"] = new JsonArray(Enumerable.Range(0, 201).Select(index => (JsonNode)$"scope-{index}").ToArray());

        using var response = await client.PostConnectionAsync(body);

        await ProblemAssert.IsValidationErrorAsync(response, "scopesJson", "at most 200 items");
    }

    [Fact]
    public async Task Create_WithScopeOf255Characters_StoresIt()
    {
        var scope = new string('s', 255);
        var body = ConnectionsApi.NewBody();
        body["scopesJson"] = new JsonArray("read", scope);

        var stored = await client.CreateAndGetAsync(body);

        string[] expected = ["read", scope];
        Assert.Equal(expected, Scopes(stored));
    }

    [Fact]
    public async Task Create_WithScopeOf256Characters_Returns400()
    {
        var body = ConnectionsApi.NewBody();
        body["scopesJson"] = new JsonArray("read", new string('s', 256));

        using var response = await client.PostConnectionAsync(body);

        await ProblemAssert.IsValidationErrorAsync(response, "scopesJson[1]", "at most 255 characters");
    }

    [Fact]
    public async Task Create_WithScopeOf255Emoji_StoresIt()
    {
        var scope = RawJson.Repeat(Emoji, 255);
        var json = ConnectionsApi.NewBody().WithMember("scopesJson", $"[{RawJson.Quote(scope)}]");

        var stored = await client.CreateAndGetAsync(json);

        string[] expected = [scope];
        Assert.Equal(expected, Scopes(stored));
    }

    [Fact]
    public async Task Create_WithScopeOf256Emoji_Returns400()
    {
        var json = ConnectionsApi.NewBody().WithMember("scopesJson", $"[{RawJson.Quote(RawJson.Repeat(Emoji, 256))}]");

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "scopesJson[0]", "at most 255 characters");
    }

    [Theory]
    [MemberData(nameof(BlankValues))]
    public async Task Create_WithBlankScope_Returns400(string blank)
    {
        var body = ConnectionsApi.NewBody();
        body["scopesJson"] = new JsonArray("read", "write", blank);

        using var response = await client.PostConnectionAsync(body);

        await ProblemAssert.IsValidationErrorAsync(response, "scopesJson[2]", "Must not be blank");
    }

    [Fact]
    public async Task Create_WithNullScope_Returns400()
    {
        var json = ConnectionsApi.NewBody().WithMember("scopesJson", "[\"read\",null]");

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "scopesJson[1]", "not null");
    }

    [Theory]
    [InlineData("5")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[\"nested\"]")]
    public async Task Create_WithNonStringScope_Returns400(string rawItem)
    {
        var json = ConnectionsApi.NewBody().WithMember("scopesJson", $"[\"read\",{rawItem}]");

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "scopesJson[1]", "Expected a string");
    }

    [Fact]
    public async Task Create_WithNulInScope_Returns400()
    {
        var json = ConnectionsApi.NewBody().WithMember("scopesJson", "[\"read\",\"wr\\u0000ite\"]");

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "scopesJson[1]", "NUL character");
    }

    [Theory]
    [MemberData(nameof(UnpairedSurrogateLiterals))]
    public async Task Create_WithUnpairedSurrogateInScope_Returns400(string literal)
    {
        var json = ConnectionsApi.NewBody().WithMember("scopesJson", $"[\"read\",{literal}]");

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "scopesJson[1]", "unpaired UTF-16 surrogate");
    }

    [Theory]
    [InlineData("\"read write\"")]
    [InlineData("{}")]
    [InlineData("5")]
    [InlineData("true")]
    public async Task Create_WithScopesNotAnArray_Returns400(string rawValue)
    {
        var json = ConnectionsApi.NewBody().WithMember("scopesJson", rawValue);

        using var response = await client.PostConnectionAsync(json);

        await ProblemAssert.IsValidationErrorAsync(response, "scopesJson", "Expected an array");
    }

    [Fact]
    public async Task Create_WithSeveralInvalidScopes_ReportsEachIndex()
    {
        var json = ConnectionsApi.NewBody().WithMember("scopesJson", $"[\"read\",\" \",null,\"{new string('s', 256)}\"]");

        using var response = await client.PostConnectionAsync(json);

        var problem = await ProblemAssert.IsValidationErrorAsync(response, "scopesJson[1]", "Must not be blank");
        Assert.Contains(problem.ErrorsAt("scopesJson[2]"), message => message.Contains("not null", StringComparison.Ordinal));
        Assert.Contains(problem.ErrorsAt("scopesJson[3]"), message => message.Contains("at most 255", StringComparison.Ordinal));
        Assert.Empty(problem.ErrorsAt("scopesJson[0]"));
    }

    [Fact]
    public async Task Create_WithArraySyntaxInScopes_StoresThemExactly()
    {
        // Each would need quoting or escaping in a text[] literal: a NULL keyword, braces, commas, quotes, backslashes.
        string[] scopes = ["NULL", "null", "{a,b}", "a,b", "say \"hi\"", "back\\slash", " padded ", "ünï", Emoji, "a\tb"];
        var body = ConnectionsApi.NewBody();
        body["scopesJson"] = new JsonArray(scopes.Select(scope => (JsonNode)scope).ToArray());

        var stored = await client.CreateAndGetAsync(body);

        Assert.Equal(scopes, Scopes(stored));
    }

    [Theory]
    [MemberData(nameof(PatchableTextFields))]
    public async Task Patch_WithTextOfMaxLength_StoresIt(string field, int maxLength)
    {
        var (created, _) = await client.CreateConnectionAsync();
        var value = new string('a', maxLength);

        var stored = await client.PatchAndGetAsync(created.Id(), new JsonObject { [field] = value }.ToJsonString());

        Assert.Equal(value, stored.GetProperty(field).GetString());
    }

    [Theory]
    [MemberData(nameof(PatchableTextFields))]
    public async Task Patch_WithTextOverMaxLength_Returns400AndKeepsRecord(string field, int maxLength)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(
            created.Id(),
            new JsonObject { [field] = new string('a', maxLength + 1) }.ToJsonString());

        await ProblemAssert.IsValidationErrorAsync(response, field, $"at most {maxLength} characters");
        await client.AssertUnchangedAsync(created);
    }

    [Theory]
    [MemberData(nameof(PatchableTextFields))]
    public async Task Patch_WithEmojiTextOfMaxLength_StoresIt(string field, int maxLength)
    {
        var (created, _) = await client.CreateConnectionAsync();
        var value = RawJson.Repeat(Emoji, maxLength);

        var stored = await client.PatchAndGetAsync(created.Id(), new JsonObject().WithMember(field, RawJson.Quote(value)));

        Assert.Equal(value, stored.GetProperty(field).GetString());
    }

    [Theory]
    [MemberData(nameof(PatchableTextFields))]
    public async Task Patch_WithEmojiTextOverMaxLength_Returns400(string field, int maxLength)
    {
        var (created, _) = await client.CreateConnectionAsync();
        var json = new JsonObject().WithMember(field, RawJson.Quote(RawJson.Repeat(Emoji, maxLength + 1)));

        using var response = await client.PatchConnectionAsync(created.Id(), json);

        await ProblemAssert.IsValidationErrorAsync(response, field, $"at most {maxLength} characters");
        await client.AssertUnchangedAsync(created);
    }

    [Theory]
    [MemberData(nameof(PatchableTextFieldsWithBlankValues))]
    public async Task Patch_WithBlankText_Returns400(string field, string blank)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), new JsonObject { [field] = blank }.ToJsonString());

        await ProblemAssert.IsValidationErrorAsync(response, field, "Must not be blank");
        await client.AssertUnchangedAsync(created);
    }

    [Theory]
    [MemberData(nameof(PatchableTextFieldNames))]
    public async Task Patch_WithNulInText_Returns400(string field)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), new JsonObject().WithMember(field, "\"a\\u0000b\""));

        await ProblemAssert.IsValidationErrorAsync(response, field, "NUL character");
        await client.AssertUnchangedAsync(created);
    }

    [Theory]
    [MemberData(nameof(PatchableTextFieldNames))]
    public async Task Patch_WithUnpairedSurrogateInText_Returns400(string field)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), new JsonObject().WithMember(field, "\"a\\udc00b\""));

        await ProblemAssert.IsValidationErrorAsync(response, field, "unpaired UTF-16 surrogate");
        await client.AssertUnchangedAsync(created);
    }

    [Theory]
    [MemberData(nameof(PatchableTextFieldNames))]
    public async Task Patch_WithNonStringText_Returns400(string field)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), new JsonObject().WithMember(field, "42"));

        await ProblemAssert.IsValidationErrorAsync(response, field, "Expected a string");
        await client.AssertUnchangedAsync(created);
    }

    [Theory]
    [MemberData(nameof(OptionalTextFieldNames))]
    public async Task Patch_WithNullText_ClearsIt(string field)
    {
        var body = ConnectionsApi.NewBody();
        body[field] = "set-before";
        var (created, _) = await client.CreateConnectionAsync(body);

        var stored = await client.PatchAndGetAsync(created.Id(), new JsonObject { [field] = null }.ToJsonString());

        Assert.Equal(JsonValueKind.Null, stored.GetProperty(field).ValueKind);
    }

    [Fact]
    public async Task Patch_WithScopes_KeepsOrderAndDuplicates()
    {
        var (created, _) = await client.CreateConnectionAsync();

        var stored = await client.PatchAndGetAsync(created.Id(), """{"scopesJson":["b","a","b","c","a"]}""");

        string[] expected = ["b", "a", "b", "c", "a"];
        Assert.Equal(expected, Scopes(stored));
    }

    [Fact]
    public async Task Patch_WithEmptyScopes_StoresEmptyArray()
    {
        var (created, _) = await client.CreateConnectionAsync();

        var stored = await client.PatchAndGetAsync(created.Id(), """{"scopesJson":[]}""");

        Assert.Equal(JsonValueKind.Array, stored.GetProperty("scopesJson").ValueKind);
        Assert.Equal(0, stored.GetProperty("scopesJson").GetArrayLength());
    }

    [Fact]
    public async Task Patch_WithNullScopes_StoresNull()
    {
        var body = ConnectionsApi.NewBody();
        body["scopesJson"] = new JsonArray();
        var (created, _) = await client.CreateConnectionAsync(body);

        var stored = await client.PatchAndGetAsync(created.Id(), """{"scopesJson":null}""");

        Assert.Equal(JsonValueKind.Null, stored.GetProperty("scopesJson").ValueKind);
    }

    [Fact]
    public async Task Patch_With200Scopes_StoresAll()
    {
        var (created, _) = await client.CreateConnectionAsync();
        var scopes = Enumerable.Range(0, 200).Select(index => $"scope-{index}").ToArray();
        var patch = new JsonObject { ["scopesJson"] = new JsonArray(scopes.Select(scope => (JsonNode)scope).ToArray()) };

        var stored = await client.PatchAndGetAsync(created.Id(), patch.ToJsonString());

        Assert.Equal(scopes, Scopes(stored));
    }

    [Fact]
    public async Task Patch_With201Scopes_Returns400()
    {
        var (created, _) = await client.CreateConnectionAsync();
        var patch = new JsonObject
        {
            ["scopesJson"] = new JsonArray(Enumerable.Range(0, 201).Select(index => (JsonNode)$"scope-{index}").ToArray()),
        };

        using var response = await client.PatchConnectionAsync(created.Id(), patch.ToJsonString());

        await ProblemAssert.IsValidationErrorAsync(response, "scopesJson", "at most 200 items");
        await client.AssertUnchangedAsync(created);
    }

    [Theory]
    [InlineData("[\"read\",null]", "scopesJson[1]", "not null")]
    [InlineData("[\"read\",\"write\",\"\"]", "scopesJson[2]", "Must not be blank")]
    [InlineData("[\"read\",\"x\\u0000\"]", "scopesJson[1]", "NUL character")]
    [InlineData("[\"\\ud800\"]", "scopesJson[0]", "unpaired UTF-16 surrogate")]
    [InlineData("[\"read\",7]", "scopesJson[1]", "Expected a string")]
    [InlineData("\"read\"", "scopesJson", "Expected an array")]
    public async Task Patch_WithInvalidScopes_Returns400AtPath(string rawScopes, string key, string message)
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), $"{{\"scopesJson\":{rawScopes}}}");

        await ProblemAssert.IsValidationErrorAsync(response, key, message);
        await client.AssertUnchangedAsync(created);
    }

    [Fact]
    public async Task Patch_WithScopeOf256Characters_Returns400()
    {
        var (created, _) = await client.CreateConnectionAsync();

        using var response = await client.PatchConnectionAsync(created.Id(), $"{{\"scopesJson\":[\"read\",\"{new string('s', 256)}\"]}}");

        await ProblemAssert.IsValidationErrorAsync(response, "scopesJson[1]", "at most 255 characters");
        await client.AssertUnchangedAsync(created);
    }

    [Fact]
    public async Task Patch_WithOneInvalidMember_AppliesNothing()
    {
        var (created, _) = await client.CreateConnectionAsync();

        // A valid member next to an invalid one: nothing of the patch may be applied.
        using var response = await client.PatchConnectionAsync(created.Id(), """{"label":"fine","owningUserId":""}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await client.AssertUnchangedAsync(created);
    }

    private static string[] Scopes(JsonElement record) =>
        record.GetProperty("scopesJson").EnumerateArray().Select(scope => scope.GetString()!).ToArray();

    private static TheoryData<string> Names(TheoryData<string, int> fields)
    {
        var names = new TheoryData<string>();
        foreach (var row in fields)
        {
            names.Add((string)row[0]);
        }

        return names;
    }

    private static TheoryData<string, string> Cross(TheoryData<string> fields, TheoryData<string> values)
    {
        var data = new TheoryData<string, string>();
        foreach (var field in fields)
        {
            foreach (var value in values)
            {
                data.Add(field, value);
            }
        }

        return data;
    }
}

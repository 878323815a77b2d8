using System.Text.Json;
using System.Text.Json.Nodes;
using ExternalConnections.Api.Connections;
using ExternalConnections.Api.Connections.Validation;
using ExternalConnections.Api.Infrastructure.Json;

namespace ExternalConnections.Api.Tests.Validation;

public sealed class CreateConnectionRequestValidatorTests
{
    private const string Emoji = "\U0001F600";

    private readonly CreateConnectionRequestValidator validator = new();

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

    public static TheoryData<string> TextFieldNames => new()
    {
        "workspaceId", "owningWorkspaceId", "owningUserId", "externalPrincipalId", "externalSub", "label", "encryptedCredentialsRef",
    };

    public static TheoryData<string> BlankValues => new() { "", " ", "\t\n", "\u00a0\u3000" };

    [Fact]
    public void Validate_WithRequiredFieldsOnly_IsValid()
    {
        var result = validator.Validate(RequestJson.Create());

        result.AssertValid();
    }

    [Fact]
    public void Validate_WithEveryFieldValid_IsValid()
    {
        var request = RequestJson.Create(
            "\"connectionStatus\":\"error\",\"owningWorkspaceId\":\"ow\",\"owningUserId\":\"u\",\"label\":\"L\","
            + "\"scopesJson\":[\"a\",\"a\"],\"encryptedCredentialsRef\":\"vault://x\",\"externalPrincipalId\":\"p\","
            + "\"configurationJson\":{\"a\":[1,{\"b\":null}]},\"lastSyncAt\":\"2024-05-01T12:30:00Z\",\"externalSub\":\"s\","
            + "\"connectionRole\":\"orchestrator\",\"aiAccessEnabled\":true");

        var result = validator.Validate(request);

        result.AssertValid();
    }

    [Theory]
    [InlineData("provider")]
    [InlineData("connectionType")]
    [InlineData("workspaceId")]
    [InlineData("visibilityMode")]
    public void Validate_WithoutRequiredField_ReportsRequired(string field)
    {
        var body = JsonNode.Parse($"{{{RequestJson.RequiredMembers}}}")!.AsObject();
        body.Remove(field);

        var result = validator.Validate(RequestJson.Read<CreateConnectionRequest>(body.ToJsonString()));

        Assert.Equal([ConnectionFieldRules.RequiredMessage], result.ErrorsAt(field));
    }

    [Theory]
    [MemberData(nameof(TextFields))]
    public void Validate_WithTextOfMaxLength_IsValid(string field, int maxLength)
    {
        var result = validator.Validate(RequestJson.Create($"\"{field}\":\"{new string('a', maxLength)}\""));

        result.AssertValid();
    }

    [Theory]
    [MemberData(nameof(TextFields))]
    public void Validate_WithTextOverMaxLength_ReportsLength(string field, int maxLength)
    {
        var result = validator.Validate(RequestJson.Create($"\"{field}\":\"{new string('a', maxLength + 1)}\""));

        Assert.Equal([$"Must be at most {maxLength} characters long."], result.ErrorsAt(field));
    }

    [Theory]
    [MemberData(nameof(TextFields))]
    public void Validate_WithEmojiOfMaxLength_IsValid(string field, int maxLength)
    {
        var value = string.Concat(Enumerable.Repeat(Emoji, maxLength));

        var result = validator.Validate(RequestJson.Create($"\"{field}\":\"{value}\""));

        result.AssertValid();
    }

    [Theory]
    [MemberData(nameof(TextFields))]
    public void Validate_WithEmojiOverMaxLength_ReportsLength(string field, int maxLength)
    {
        var value = string.Concat(Enumerable.Repeat(Emoji, maxLength + 1));

        var result = validator.Validate(RequestJson.Create($"\"{field}\":\"{value}\""));

        result.AssertErrorAt(field, $"at most {maxLength} characters");
    }

    [Theory]
    [MemberData(nameof(BlankValues))]
    public void Validate_WithBlankLabel_ReportsBlank(string blank)
    {
        var result = validator.Validate(RequestJson.Create($"\"label\":{JsonSerializer.Serialize(blank)}"));

        Assert.Equal(["Must not be blank."], result.ErrorsAt("label"));
    }

    [Theory]
    [MemberData(nameof(TextFieldNames))]
    public void Validate_WithNulInText_ReportsNul(string field)
    {
        var result = validator.Validate(RequestJson.Create($"\"{field}\":\"a\\u0000b\""));

        Assert.Equal([JsonMessages.NulCharacter], result.ErrorsAt(field));
    }

    [Fact]
    public void Validate_With200Scopes_IsValid()
    {
        var scopes = string.Join(",", Enumerable.Range(0, 200).Select(index => $"\"s{index}\""));

        var result = validator.Validate(RequestJson.Create($"\"scopesJson\":[{scopes}]"));

        result.AssertValid();
    }

    [Fact]
    public void Validate_With201Scopes_ReportsCount()
    {
        var scopes = string.Join(",", Enumerable.Range(0, 201).Select(index => $"\"s{index}\""));

        var result = validator.Validate(RequestJson.Create($"\"scopesJson\":[{scopes}]"));

        Assert.Equal(["Must have at most 200 items."], result.ErrorsAt("scopesJson"));
    }

    [Fact]
    public void Validate_WithEmptyScopes_IsValid()
    {
        var result = validator.Validate(RequestJson.Create("\"scopesJson\":[]"));

        result.AssertValid();
    }

    [Fact]
    public void Validate_WithInvalidScopes_ReportsEachIndex()
    {
        var request = RequestJson.Create($"\"scopesJson\":[\"ok\",null,\" \",\"{new string('s', 256)}\",\"a\\u0000\",\"{new string('s', 255)}\"]");

        var result = validator.Validate(request);

        Assert.Equal(["Expected a string, not null."], result.ErrorsAt("scopesJson[1]"));
        Assert.Equal(["Must not be blank."], result.ErrorsAt("scopesJson[2]"));
        Assert.Equal(["Must be at most 255 characters long."], result.ErrorsAt("scopesJson[3]"));
        Assert.Equal([JsonMessages.NulCharacter], result.ErrorsAt("scopesJson[4]"));
        Assert.Empty(result.ErrorsAt("scopesJson[0]"));
        Assert.Empty(result.ErrorsAt("scopesJson[5]"));
    }

    [Fact]
    public void Validate_WithInvalidConfiguration_ReportsNestedPath()
    {
        var result = validator.Validate(RequestJson.Create("\"configurationJson\":{\"a\":{\"b\":\"\\u0000\"},\"list\":[0,1,2,1e-20000]}"));

        result.AssertErrorAt("configurationJson.a.b", "NUL character");
        result.AssertErrorAt("configurationJson.list[3]", "Number out of range");
    }

    [Fact]
    public void Validate_WithArrayConfiguration_ReportsObjectExpected()
    {
        var result = validator.Validate(RequestJson.Create("\"configurationJson\":[]"));

        Assert.Equal(["Expected a JSON object or null."], result.ErrorsAt("configurationJson"));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("createdAt")]
    [InlineData("updatedAt")]
    public void Validate_WithReadOnlyProperty_ReportsReadOnly(string property)
    {
        var result = validator.Validate(RequestJson.Create($"\"{property}\":\"x\""));

        Assert.Equal(["Read-only: the service sets this field."], result.ErrorsAt(property));
    }

    [Fact]
    public void Validate_WithUnknownProperty_ListsAllowedNames()
    {
        var result = validator.Validate(RequestJson.Create("\"labels\":\"x\""));

        var message = Assert.Single(result.ErrorsAt("labels"));
        Assert.StartsWith("Unknown property. Property names are case-sensitive", message, StringComparison.Ordinal);
        Assert.Contains("provider", message, StringComparison.Ordinal);
        Assert.Contains("aiAccessEnabled", message, StringComparison.Ordinal);
        Assert.DoesNotContain("unknownProperties", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(21, "1 more unknown properties are not listed.")]
    [InlineData(25, "5 more unknown properties are not listed.")]
    public void Validate_WithManyUnknownProperties_ListsTwenty(int count, string summary)
    {
        var members = string.Join(",", Enumerable.Range(0, count).Select(index => $"\"extra{index:D2}\":{index}"));

        var result = validator.Validate(RequestJson.Create(members));

        Assert.Equal([summary], result.ErrorsAt("$"));
        Assert.Equal(ConnectionFieldRules.MaxReportedUnknownProperties + 1, result.Errors.Count);
        Assert.NotEmpty(result.ErrorsAt("extra19"));
        Assert.Empty(result.ErrorsAt("extra20"));
    }
}

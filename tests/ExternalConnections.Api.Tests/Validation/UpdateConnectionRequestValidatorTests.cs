using System.Text.Json;
using ExternalConnections.Api.Connections;
using ExternalConnections.Api.Connections.Validation;
using ExternalConnections.Api.Infrastructure.Json;

namespace ExternalConnections.Api.Tests.Validation;

public sealed class UpdateConnectionRequestValidatorTests
{
    private readonly UpdateConnectionRequestValidator validator = new();

    public static TheoryData<string, int> TextFields => new()
    {
        { "owningWorkspaceId", 255 },
        { "owningUserId", 255 },
        { "externalPrincipalId", 255 },
        { "externalSub", 255 },
        { "label", 255 },
        { "encryptedCredentialsRef", 2048 },
    };

    public static TheoryData<string> ClearableFields => new()
    {
        "owningWorkspaceId", "owningUserId", "externalPrincipalId", "externalSub", "label", "encryptedCredentialsRef",
        "scopesJson", "configurationJson", "lastSyncAt",
    };

    [Fact]
    public void Validate_WithEmptyPatch_IsValid()
    {
        var result = validator.Validate(Patch("{}"));

        result.AssertValid();
    }

    [Theory]
    [MemberData(nameof(ClearableFields))]
    public void Validate_WithNullForClearableField_IsValid(string field)
    {
        var result = validator.Validate(Patch($"{{\"{field}\":null}}"));

        result.AssertValid();
    }

    [Theory]
    [MemberData(nameof(TextFields))]
    public void Validate_WithTextOfMaxLength_IsValid(string field, int maxLength)
    {
        var result = validator.Validate(Patch($"{{\"{field}\":\"{new string('a', maxLength)}\"}}"));

        result.AssertValid();
    }

    [Theory]
    [MemberData(nameof(TextFields))]
    public void Validate_WithTextOverMaxLength_ReportsItByJsonName(string field, int maxLength)
    {
        // The rule reads Optional<T>.Value, and the error key must still be the JSON name, not "label.value".
        var result = validator.Validate(Patch($"{{\"{field}\":\"{new string('a', maxLength + 1)}\"}}"));

        Assert.Equal([$"Must be at most {maxLength} characters long."], result.ErrorsAt(field));
        Assert.Single(result.Errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_WithBlankLabel_ReportsBlank(string blank)
    {
        var result = validator.Validate(Patch($"{{\"label\":{JsonSerializer.Serialize(blank)}}}"));

        Assert.Equal(["Must not be blank."], result.ErrorsAt("label"));
    }

    [Fact]
    public void Validate_WithNulInText_ReportsNul()
    {
        var result = validator.Validate(Patch("{\"externalSub\":\"a\\u0000\"}"));

        Assert.Equal([JsonMessages.NulCharacter], result.ErrorsAt("externalSub"));
    }

    [Fact]
    public void Validate_With201Scopes_ReportsCount()
    {
        var scopes = string.Join(",", Enumerable.Range(0, 201).Select(index => $"\"s{index}\""));

        var result = validator.Validate(Patch($"{{\"scopesJson\":[{scopes}]}}"));

        Assert.Equal(["Must have at most 200 items."], result.ErrorsAt("scopesJson"));
    }

    [Fact]
    public void Validate_WithNullScope_ReportsItsIndex()
    {
        var result = validator.Validate(Patch("{\"scopesJson\":[\"a\",null]}"));

        Assert.Equal(["Expected a string, not null."], result.ErrorsAt("scopesJson[1]"));
    }

    [Fact]
    public void Validate_WithInvalidConfiguration_ReportsNestedPath()
    {
        var result = validator.Validate(Patch("{\"configurationJson\":{\"retry\":{\"limit\":1,\"limit\":2}}}"));

        Assert.Equal([JsonMessages.DuplicateProperty], result.ErrorsAt("configurationJson.retry.limit"));
    }

    [Theory]
    [InlineData("provider")]
    [InlineData("connectionType")]
    [InlineData("workspaceId")]
    [InlineData("visibilityMode")]
    public void Validate_WithFixedField_ReportsCannotBeChanged(string field)
    {
        var result = validator.Validate(Patch($"{{\"{field}\":\"x\"}}"));

        Assert.Equal(["Cannot be changed: it is fixed when the connection is created."], result.ErrorsAt(field));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("createdAt")]
    [InlineData("updatedAt")]
    public void Validate_WithReadOnlyField_ReportsReadOnly(string field)
    {
        var result = validator.Validate(Patch($"{{\"{field}\":null}}"));

        Assert.Equal(["Read-only: the service sets this field."], result.ErrorsAt(field));
    }

    [Fact]
    public void Validate_WithUnknownProperty_ListsPatchableNames()
    {
        var result = validator.Validate(Patch("{\"labels\":\"x\"}"));

        var message = Assert.Single(result.ErrorsAt("labels"));
        Assert.Contains("label", message, StringComparison.Ordinal);
        Assert.Contains("configurationJson", message, StringComparison.Ordinal);
        Assert.DoesNotContain("provider", message, StringComparison.Ordinal);
        Assert.DoesNotContain("workspaceId", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_With21UnknownProperties_ListsTwenty()
    {
        var members = string.Join(",", Enumerable.Range(0, 21).Select(index => $"\"extra{index:D2}\":{index}"));

        var result = validator.Validate(Patch($"{{{members}}}"));

        Assert.Equal(["1 more unknown properties are not listed."], result.ErrorsAt("$"));
        Assert.Empty(result.ErrorsAt("extra20"));
    }

    private static UpdateConnectionRequest Patch(string json) => RequestJson.Read<UpdateConnectionRequest>(json);
}

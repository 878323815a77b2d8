using System.Text.Json;
using ExternalConnections.Api.Connections;
using ExternalConnections.Api.Infrastructure.Json;

namespace ExternalConnections.Api.Tests.Validation;

/// <summary>
/// How the service's JSON options read request bodies: strict types, exact paths in errors,
/// present and absent merge-patch members, and unknown properties kept for the validator.
/// </summary>
public sealed class RequestDeserializationTests
{
    /// <summary>A member of a create body, the exception path, and the message the converter writes.</summary>
    public static TheoryData<string, string, string> WrongValues => new()
    {
        { "\"label\":5", "$.label", "Expected a string." },
        { "\"aiAccessEnabled\":\"true\"", "$.aiAccessEnabled", "Expected true or false." },
        { "\"aiAccessEnabled\":1", "$.aiAccessEnabled", "Expected true or false." },
        { "\"connectionStatus\":\"Active\"", "$.connectionStatus", "Expected one of: active, disconnected, expired, revoked, error." },
        { "\"connectionStatus\":0", "$.connectionStatus", "Expected one of: active, disconnected, expired, revoked, error." },
        { "\"connectionRole\":null", "$.connectionRole", "Expected one of:" },
        { "\"lastSyncAt\":\"2024-05-01T12:30:00\"", "$.lastSyncAt", "The date-time has no offset" },
        { "\"lastSyncAt\":1714566600", "$.lastSyncAt", Rfc3339DateTime.ExpectedFormat },
        { "\"scopesJson\":[\"a\",2]", "$.scopesJson[1]", "Expected a string." },
        { "\"label\":\"\\ud800\"", "$.label", JsonMessages.UnpairedSurrogate },
    };

    [Theory]
    [MemberData(nameof(WrongValues))]
    public void Read_WithWrongValue_ThrowsAtPath(string member, string path, string messageStart)
    {
        var exception = Assert.Throws<JsonException>(() => RequestJson.Create(member));

        Assert.Equal(path, exception.Path);
        Assert.StartsWith(messageStart, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"label\":\"a\",\"label\":\"b\"}")]
    [InlineData("{\"other\":1,\"other\":2}")]
    public void Read_WithDuplicateTopLevelProperty_Throws(string json)
    {
        var exception = Assert.Throws<JsonException>(() => RequestJson.Read<CreateConnectionRequest>(json));

        // JsonErrorTranslator recognises the serializer's duplicate error by this prefix.
        Assert.StartsWith("Duplicate property", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WithDuplicateConfigurationKey_KeepsBoth()
    {
        var request = RequestJson.Create("\"configurationJson\":{\"a\":1,\"a\":2}");

        var names = request.ConfigurationJson!.Value.EnumerateObject().Select(property => property.Name).ToArray();
        Assert.Equal(["a", "a"], names);
    }

    [Fact]
    public void Read_WithUnknownProperties_KeepsThemByName()
    {
        var request = RequestJson.Create("\"Label\":\"x\",\"id\":null");

        Assert.NotNull(request.UnknownProperties);
        Assert.Equal(JsonValueKind.String, request.UnknownProperties["Label"].ValueKind);
        Assert.Equal(JsonValueKind.Null, request.UnknownProperties["id"].ValueKind);
        Assert.Null(request.Label);
    }

    [Fact]
    public void Read_WithoutDefaultedFields_UsesDefaults()
    {
        var request = RequestJson.Create();

        Assert.Equal(ConnectionStatus.Active, request.ConnectionStatus);
        Assert.Equal(ConnectionRole.Personal, request.ConnectionRole);
        Assert.False(request.AiAccessEnabled);
    }

    [Fact]
    public void Read_WithNullAndEmptyScopes_KeepsThemApart()
    {
        var withNull = RequestJson.Create("\"scopesJson\":null");
        var withEmpty = RequestJson.Create("\"scopesJson\":[]");

        Assert.Null(withNull.ScopesJson);
        Assert.NotNull(withEmpty.ScopesJson);
        Assert.Empty(withEmpty.ScopesJson);
    }

    [Fact]
    public void ReadPatch_WithAbsentMember_IsAbsent()
    {
        var patch = RequestJson.Read<UpdateConnectionRequest>("{}");

        Assert.False(patch.Label.IsPresent);
        Assert.False(patch.ScopesJson.IsPresent);
        Assert.False(patch.ConfigurationJson.IsPresent);
        Assert.False(patch.LastSyncAt.IsPresent);
        Assert.False(patch.ConnectionStatus.IsPresent);
    }

    [Fact]
    public void ReadPatch_WithNullMember_IsPresentAndNull()
    {
        var patch = RequestJson.Read<UpdateConnectionRequest>(
            "{\"label\":null,\"scopesJson\":null,\"configurationJson\":null,\"lastSyncAt\":null}");

        Assert.True(patch.Label.IsPresent);
        Assert.Null(patch.Label.Value);
        Assert.True(patch.ScopesJson.IsPresent);
        Assert.Null(patch.ScopesJson.Value);
        Assert.True(patch.ConfigurationJson.IsPresent);
        Assert.Null(patch.ConfigurationJson.Value);
        Assert.True(patch.LastSyncAt.IsPresent);
        Assert.Null(patch.LastSyncAt.Value);
    }

    [Fact]
    public void ReadPatch_WithValues_IsPresentWithValues()
    {
        var patch = RequestJson.Read<UpdateConnectionRequest>(
            "{\"label\":\"x\",\"connectionStatus\":\"revoked\",\"aiAccessEnabled\":false,\"lastSyncAt\":\"2024-05-01T14:30:00+02:00\"}");

        Assert.Equal("x", patch.Label.Value);
        Assert.Equal(ConnectionStatus.Revoked, patch.ConnectionStatus.Value);
        Assert.True(patch.AiAccessEnabled.IsPresent);
        Assert.False(patch.AiAccessEnabled.Value);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.Zero), patch.LastSyncAt.Value);
        Assert.Equal(TimeSpan.Zero, patch.LastSyncAt.Value!.Value.Offset);
    }

    [Theory]
    [InlineData("{\"connectionStatus\":null}", "$.connectionStatus")]
    [InlineData("{\"connectionRole\":null}", "$.connectionRole")]
    [InlineData("{\"aiAccessEnabled\":null}", "$.aiAccessEnabled")]
    [InlineData("{\"scopesJson\":[\"a\",\"b\",3]}", "$.scopesJson[2]")]
    [InlineData("{\"label\":[]}", "$.label")]
    public void ReadPatch_WithWrongValue_ThrowsAtPath(string json, string path)
    {
        var exception = Assert.Throws<JsonException>(() => RequestJson.Read<UpdateConnectionRequest>(json));

        Assert.Equal(path, exception.Path);
    }
}

using System.Text.Json;
using ExternalConnections.Api.Connections;
using ExternalConnections.Api.Infrastructure.Json;
using FluentValidation.Results;

namespace ExternalConnections.Api.Tests.Validation;

/// <summary>Reads request bodies with the service's own JSON options, as the endpoints do.</summary>
internal static class RequestJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>A valid create body with only the required fields, as JSON members without braces.</summary>
    public const string RequiredMembers =
        "\"provider\":\"slack\",\"connectionType\":\"bot_token\",\"workspaceId\":\"ws-1\",\"visibilityMode\":\"workspace_local\"";

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;

    /// <summary>
    /// Reads a create request of the required fields and <paramref name="extraMembers"/>. A required
    /// field that <paramref name="extraMembers"/> also names is left out, so the extra value replaces it.
    /// </summary>
    public static CreateConnectionRequest Create(string extraMembers = "")
    {
        var required = RequiredMembers.Split(',')
            .Where(member => !extraMembers.Contains(member[..(member.IndexOf(':', StringComparison.Ordinal) + 1)], StringComparison.Ordinal));
        var members = required.Append(extraMembers).Where(member => member.Length > 0);
        return Read<CreateConnectionRequest>($"{{{string.Join(",", members)}}}");
    }

    /// <summary>Returns the messages of the failures whose property name is <paramref name="key"/>.</summary>
    public static IReadOnlyList<string> ErrorsAt(this ValidationResult result, string key) =>
        result.Errors.Where(failure => failure.PropertyName == key).Select(failure => failure.ErrorMessage).ToArray();

    /// <summary>Asserts one failure at <paramref name="key"/> whose message contains <paramref name="messagePart"/>.</summary>
    public static void AssertErrorAt(this ValidationResult result, string key, string messagePart)
    {
        var found = result.ErrorsAt(key).Any(message => message.Contains(messagePart, StringComparison.Ordinal));
        Assert.True(found, $"Expected an error at '{key}' containing '{messagePart}', got: {Describe(result)}");
    }

    public static void AssertValid(this ValidationResult result) =>
        Assert.True(result.IsValid, $"Expected no errors, got: {Describe(result)}");

    private static string Describe(ValidationResult result) =>
        result.Errors.Count == 0
            ? "no errors"
            : string.Join("; ", result.Errors.Select(failure => $"{failure.PropertyName}: {failure.ErrorMessage}"));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        ApiJsonOptions.Configure(options);
        return options;
    }
}

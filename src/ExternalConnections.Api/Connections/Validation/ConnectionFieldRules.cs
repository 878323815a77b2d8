using System.Text.Json;
using ExternalConnections.Api.Infrastructure.Json;
using FluentValidation;
using FluentValidation.Results;

namespace ExternalConnections.Api.Connections.Validation;

/// <summary>
/// Rules for the fields that the create and update requests share. Each rule accepts null, so an
/// optional field that is absent or cleared passes; required fields add <c>Required()</c>.
/// </summary>
public static class ConnectionFieldRules
{
    public const string RequiredMessage = "Required.";

    /// <summary>How many unknown properties one response lists before it summarises the rest.</summary>
    public const int MaxReportedUnknownProperties = 20;

    public static IRuleBuilderOptions<T, TValue?> Required<T, TValue>(this IRuleBuilder<T, TValue?> rule) =>
        rule.NotNull().WithMessage(RequiredMessage);

    /// <summary>Workspace, user, principal and subject identifiers.</summary>
    public static IRuleBuilderOptions<T, string?> ValidIdentifier<T>(this IRuleBuilder<T, string?> rule) =>
        rule.ValidText(ConnectionLimits.IdentifierMaxLength);

    /// <summary>Non-blank text of at most <paramref name="maxLength"/> code points, without NUL.</summary>
    public static IRuleBuilderOptions<T, string?> ValidText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule
            .Must(value => value is null || !string.IsNullOrWhiteSpace(value))
            .WithMessage("Must not be blank.")
            .Must(value => value is null || CountCodePoints(value) <= maxLength)
            .WithMessage($"Must be at most {maxLength} characters long.")
            .Must(value => value is null || !value.Contains('\0', StringComparison.Ordinal))
            .WithMessage(JsonMessages.NulCharacter);

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> ValidScopeCount<T>(
        this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule
            .Must(scopes => scopes is null || scopes.Count <= ConnectionLimits.MaxScopes)
            .WithMessage($"Must have at most {ConnectionLimits.MaxScopes} items.");

    /// <summary>One item of <c>scopesJson</c>: a string, so null is not allowed inside the array.</summary>
    public static IRuleBuilderOptions<T, string?> ValidScope<T>(this IRuleBuilder<T, string?> rule) =>
        rule
            .NotNull()
            .WithMessage("Expected a string, not null.")
            .ValidText(ConnectionLimits.ScopeMaxLength);

    public static void ValidConfiguration<T>(this IRuleBuilder<T, JsonElement?> rule) =>
        rule.Custom((configuration, context) =>
        {
            if (configuration is not { } value)
            {
                return;
            }

            foreach (var (path, message) in ConfigurationJsonChecker.Check(value, context.PropertyPath))
            {
                context.AddFailure(new ValidationFailure(path, message));
            }
        });

    /// <summary>
    /// Rejects properties that the schema does not define, naming each one. The message for a
    /// known name that may not be sent comes from <paramref name="explainKnownName"/>.
    /// </summary>
    public static void NoUnknownProperties<T>(
        this IRuleBuilder<T, Dictionary<string, JsonElement>?> rule,
        IReadOnlyCollection<string> schemaProperties,
        Func<string, string?> explainKnownName) =>
        rule.Custom((unknown, context) =>
        {
            if (unknown is null)
            {
                return;
            }

            var allowed = string.Join(", ", schemaProperties);
            foreach (var name in unknown.Keys.Take(MaxReportedUnknownProperties))
            {
                var message = explainKnownName(name)
                    ?? $"Unknown property. Property names are case-sensitive; the allowed names are: {allowed}.";
                context.AddFailure(new ValidationFailure(name, message));
            }

            if (unknown.Count > MaxReportedUnknownProperties)
            {
                context.AddFailure(new ValidationFailure(
                    "$",
                    $"{unknown.Count - MaxReportedUnknownProperties} more unknown properties are not listed."));
            }
        });

    private static int CountCodePoints(string value)
    {
        var count = 0;
        foreach (var character in value)
        {
            // The second half of a surrogate pair belongs to the code point counted before it.
            if (!char.IsLowSurrogate(character))
            {
                count++;
            }
        }

        return count;
    }
}

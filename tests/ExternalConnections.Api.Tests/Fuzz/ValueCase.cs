using System.Collections.Immutable;

namespace ExternalConnections.Api.Tests.Fuzz;

/// <summary>
/// A key that a 400 for a generated request may name in <c>errors</c>: the key itself, or with
/// <c>OrBelow</c> also any JSON path below it.
/// </summary>
public sealed record ErrorKey(string Key, bool OrBelow)
{
    public static ErrorKey Exact(string key) => new(key, false);

    public static ErrorKey Within(string key) => new(key, true);

    /// <summary>This key with <paramref name="prefix"/> in front, for a value placed inside a field or array.</summary>
    public ErrorKey Under(string prefix) => this with { Key = prefix + Key };

    public bool Matches(string actual) =>
        actual == Key
        || (OrBelow && (actual.StartsWith(Key + ".", StringComparison.Ordinal) || actual.StartsWith(Key + "[", StringComparison.Ordinal)));

    public override string ToString() => OrBelow ? $"{Key} or below" : Key;
}

/// <summary>
/// One generated JSON value and what the service must do with it.
/// </summary>
/// <param name="Json">The value as sent, JSON text.</param>
/// <param name="Stored">
/// JSON text of what a response must return for the value when it is accepted, compared with
/// <see cref="System.Text.Json.JsonElement.DeepEquals"/>; null when the value is rejected.
/// </param>
/// <param name="Errors">
/// Where the service may report the value as invalid, relative to the value: an empty key is
/// the value itself, <c>[2]</c> or <c>.a</c> a part of it. Empty when the value is valid.
/// </param>
public sealed record ValueCase(string Json, string? Stored, ImmutableArray<ErrorKey> Errors)
{
    public bool IsValid => Errors.IsEmpty;

    public static ValueCase Valid(string json, string? stored = null) => new(json, stored ?? json, []);

    public static ValueCase Invalid(string json, params ErrorKey[] errors) => new(json, null, [.. errors]);
}

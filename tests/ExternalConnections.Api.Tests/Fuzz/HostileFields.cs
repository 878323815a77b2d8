using CsCheck;

namespace ExternalConnections.Api.Tests.Fuzz;

public enum FieldKind
{
    Enum,
    Text,
    Boolean,
    Scopes,
    Configuration,
    DateTime,
}

/// <summary>
/// One property of the create or merge-patch body: its JSON type, its length limit in code points
/// for text, the JSON text a create stores when it is absent (<c>Default</c>), and whether JSON
/// null is valid (<c>NullAllowed</c>, which clears the field).
/// </summary>
public sealed record FieldSpec(
    string Name,
    FieldKind Kind,
    int Limit = 0,
    string[]? EnumNames = null,
    bool Required = false,
    string? Default = null,
    bool NullAllowed = true)
{
    public static readonly string[] Providers =
        ["google_workspace", "telegram", "whatsapp", "discord", "generic_monitoring", "slack", "microsoft_teams", "jira", "github", "openclaw"];

    public static readonly string[] ConnectionTypes = ["user_oauth", "service_account", "bot_token", "webhook", "github_app"];

    public static readonly string[] Statuses = ["active", "disconnected", "expired", "revoked", "error"];

    public static readonly string[] VisibilityModes = ["global", "workspace_local", "shared"];

    public static readonly string[] Roles = ["orchestrator", "personal"];

    public static readonly FieldSpec Provider = new("provider", FieldKind.Enum, EnumNames: Providers, Required: true, NullAllowed: false);
    public static readonly FieldSpec ConnectionType = new("connectionType", FieldKind.Enum, EnumNames: ConnectionTypes, Required: true, NullAllowed: false);
    public static readonly FieldSpec ConnectionStatus = new("connectionStatus", FieldKind.Enum, EnumNames: Statuses, Default: "\"active\"", NullAllowed: false);
    public static readonly FieldSpec OwningWorkspaceId = new("owningWorkspaceId", FieldKind.Text, 255);
    public static readonly FieldSpec OwningUserId = new("owningUserId", FieldKind.Text, 255);
    public static readonly FieldSpec Label = new("label", FieldKind.Text, 255);
    public static readonly FieldSpec ScopesJson = new("scopesJson", FieldKind.Scopes);
    public static readonly FieldSpec EncryptedCredentialsRef = new("encryptedCredentialsRef", FieldKind.Text, 2048);
    public static readonly FieldSpec ExternalPrincipalId = new("externalPrincipalId", FieldKind.Text, 255);
    public static readonly FieldSpec ConfigurationJson = new("configurationJson", FieldKind.Configuration);
    public static readonly FieldSpec LastSyncAt = new("lastSyncAt", FieldKind.DateTime);
    public static readonly FieldSpec WorkspaceId = new("workspaceId", FieldKind.Text, 255, Required: true, NullAllowed: false);
    public static readonly FieldSpec VisibilityMode = new("visibilityMode", FieldKind.Enum, EnumNames: VisibilityModes, Required: true, NullAllowed: false);
    public static readonly FieldSpec ExternalSub = new("externalSub", FieldKind.Text, 255);
    public static readonly FieldSpec ConnectionRole = new("connectionRole", FieldKind.Enum, EnumNames: Roles, Default: "\"personal\"", NullAllowed: false);
    public static readonly FieldSpec AiAccessEnabled = new("aiAccessEnabled", FieldKind.Boolean, Default: "false", NullAllowed: false);

    /// <summary>The create body's properties, in the order responses list them.</summary>
    public static readonly FieldSpec[] CreateFields =
    [
        Provider, ConnectionType, ConnectionStatus, OwningWorkspaceId, OwningUserId, Label, ScopesJson,
        EncryptedCredentialsRef, ExternalPrincipalId, ConfigurationJson, LastSyncAt, WorkspaceId, VisibilityMode,
        ExternalSub, ConnectionRole, AiAccessEnabled,
    ];

    /// <summary>The merge-patch body's properties; the other four are fixed at creation.</summary>
    public static readonly FieldSpec[] PatchFields =
    [
        ConnectionStatus, OwningWorkspaceId, OwningUserId, Label, ScopesJson, EncryptedCredentialsRef,
        ExternalPrincipalId, ConfigurationJson, LastSyncAt, ExternalSub, ConnectionRole, AiAccessEnabled,
    ];

    /// <summary>Names fixed at creation: a merge patch that names one is rejected.</summary>
    public static readonly string[] FixedNames = ["provider", "connectionType", "workspaceId", "visibilityMode"];

    /// <summary>Names only the service sets: a request that names one is rejected.</summary>
    public static readonly string[] ReadOnlyNames = ["id", "createdAt", "updatedAt"];
}

/// <summary>Generators of values for each field: valid ones, invalid ones and every other JSON type.</summary>
public static class HostileFields
{
    private const int MaxScopes = 200;

    private static readonly Gen<double> EscapeRate = Gen.OneOf(0.0, 0.0, 0.1, 1.0);

    /// <summary>JSON text of every type, for fields that expect another: numbers, booleans, arrays, objects, deep nesting.</summary>
    private static readonly Gen<string> AnyJson = Gen.OneOf(
        "0", "-0", "1.5", "1e400", "-1e-20000", "true", "false", "[]", "[\"a\"]", "[null]", "{}", "{\"a\":\"b\"}",
        "\"\"", "\"x\"", "\"true\"", "\"0\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{}}}}}}");

    /// <summary>Any value for <paramref name="field"/>, valid or not; rejected ones name the field or a path below it.</summary>
    public static Gen<ValueCase> Any(FieldSpec field) =>
        Gen.Frequency(
            (16, Gen.Frequency((1, Valid(field)), (1, Hostile(field)))),
            (2, WrongType(field)),
            (1, Gen.Const(field.NullAllowed ? ValueCase.Valid("null") : ValueCase.Invalid("null", ErrorKey.Within(string.Empty)))));

    /// <summary>A value that <paramref name="field"/> must accept.</summary>
    public static Gen<ValueCase> Valid(FieldSpec field) =>
        field.Kind switch
        {
            FieldKind.Enum => from name in Gen.OneOf(field.EnumNames!)
                              from seed in Gen.Int
                              from escapeRate in EscapeRate
                              select ValueCase.Valid(RawJson.Quote(name, new Random(seed), escapeRate)),
            FieldKind.Text => HostileText.ValidField(field.Limit),
            FieldKind.Boolean => Gen.OneOf(ValueCase.Valid("true"), ValueCase.Valid("false")),
            FieldKind.Scopes => Scopes(HostileText.ValidField(255), Gen.Frequency((10, Gen.Int[0, 5]), (1, Gen.OneOf(199, 200)))),
            FieldKind.Configuration => from tree in HostileConfiguration.Tree
                                       from seed in Gen.Int
                                       from escapeRate in EscapeRate
                                       let value = HostileConfiguration.Judge(tree, new Random(seed), escapeRate)
                                       where value.IsValid
                                       select value,
            FieldKind.DateTime => HostileDateTime.Valid,
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

    /// <summary>A value of the right JSON type with hostile content, valid or not.</summary>
    private static Gen<ValueCase> Hostile(FieldSpec field) =>
        field.Kind switch
        {
            FieldKind.Enum => from name in Gen.OneOf(field.EnumNames!)
                              from spelling in Gen.Int[0, 7]
                              from seed in Gen.Int
                              select MisspelledEnum(name, spelling, new Random(seed)),
            FieldKind.Text => HostileText.Field(field.Limit),
            FieldKind.Boolean => Gen.Const(ValueCase.Invalid("\"true\"", ErrorKey.Within(string.Empty))),
            FieldKind.Scopes => Scopes(
                Gen.Frequency(
                    (12, HostileText.Field(255)),
                    (1, AnyJson.Where(json => json[0] != '"').Select(json => ValueCase.Invalid(json, ErrorKey.Within(string.Empty)))),
                    (1, Gen.Const(ValueCase.Invalid("null", ErrorKey.Exact(string.Empty))))),
                Gen.Frequency((10, Gen.Int[0, 5]), (2, Gen.OneOf(199, 200, 201)), (1, Gen.Int[202, 260]))),
            FieldKind.Configuration => from tree in HostileConfiguration.Any
                                       from seed in Gen.Int
                                       from escapeRate in EscapeRate
                                       select HostileConfiguration.Judge(tree, new Random(seed), escapeRate),
            FieldKind.DateTime => HostileDateTime.Any,
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

    /// <summary>JSON of a type the field does not take: a configuration that is not an object fails at the field itself.</summary>
    private static Gen<ValueCase> WrongType(FieldSpec field) =>
        from json in AnyJson
        where !IsRightType(field.Kind, json)
        select ValueCase.Invalid(json, field.Kind == FieldKind.Configuration ? ErrorKey.Exact(string.Empty) : ErrorKey.Within(string.Empty));

    private static bool IsRightType(FieldKind kind, string json) =>
        kind switch
        {
            FieldKind.Enum or FieldKind.Text or FieldKind.DateTime => json[0] == '"',
            FieldKind.Boolean => json is "true" or "false",
            FieldKind.Scopes => json[0] == '[',
            FieldKind.Configuration => json[0] == '{',
            _ => false,
        };

    /// <summary>An enum name spelled wrong in ways that a lenient parser would forgive: case, padding, dashes.</summary>
    private static ValueCase MisspelledEnum(string name, int spelling, Random random)
    {
        var text = spelling switch
        {
            0 => char.ToUpperInvariant(name[0]) + name[1..],
            1 => name.ToUpperInvariant(),
            2 => " " + name,
            3 => name + "\0",
            4 => name.Contains('_', StringComparison.Ordinal) ? name.Replace('_', '-') : name + "-",
            5 => string.Empty,
            6 => "0",
            _ => name + "\u0301",
        };
        return ValueCase.Invalid(RawJson.Quote(text, random, 0.1), ErrorKey.Exact(string.Empty));
    }

    private static Gen<ValueCase> Scopes(Gen<ValueCase> item, Gen<int> count) =>
        from length in count
        from items in item.Array[length]
        from seed in Gen.Int
        select JudgeScopes(items, new Random(seed));

    private static ValueCase JudgeScopes(ValueCase[] items, Random random)
    {
        var json = RawJson.WriteArray(items.Select(item => item.Json), random);
        var errors = items.SelectMany((item, index) => item.Errors.Select(error => error.Under($"[{index}]"))).ToList();
        if (items.Length > MaxScopes)
        {
            errors.Add(ErrorKey.Exact(string.Empty));
        }

        return errors.Count == 0 ? ValueCase.Valid(json) : ValueCase.Invalid(json, [.. errors]);
    }
}

namespace ExternalConnections.Api.Connections;

/// <summary>
/// Input limits of a connection record, shared by the validators, the database schema and the
/// OpenAPI document. Lengths count Unicode code points, as PostgreSQL <c>varchar(n)</c> does.
/// </summary>
public static class ConnectionLimits
{
    /// <summary>Maximum length of workspace, user, principal and subject identifiers.</summary>
    public const int IdentifierMaxLength = 255;

    public const int LabelMaxLength = 255;

    public const int CredentialsRefMaxLength = 2048;

    public const int ScopeMaxLength = 255;

    public const int MaxScopes = 200;

    /// <summary>Maximum size of <c>configurationJson</c> as compact UTF-8 JSON, in bytes.</summary>
    public const int ConfigurationMaxBytes = 65_536;

    /// <summary>Maximum nesting of <c>configurationJson</c>: the object itself is depth 1, arrays count.</summary>
    public const int ConfigurationMaxDepth = 32;

    /// <summary>
    /// Maximum digits after the decimal point of a number in <c>configurationJson</c>: the limit of
    /// PostgreSQL <c>numeric</c>, which stores jsonb numbers.
    /// </summary>
    public const int ConfigurationMaxFractionDigits = 16_383;

    public const int RequestBodyMaxBytes = 1_048_576;

    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 200;
}

namespace ExternalConnections.Api.Infrastructure.Json;

/// <summary>Error messages shared by the converters and validators that check JSON strings.</summary>
public static class JsonMessages
{
    public const string UnpairedSurrogate =
        "Invalid string: it contains an unpaired UTF-16 surrogate escape, which is not Unicode text.";

    public const string InvalidUtf8 = "Invalid string: its bytes are not valid UTF-8.";

    public const string NulCharacter =
        "Invalid string: it contains the NUL character (\\u0000), which PostgreSQL cannot store.";

    public const string DuplicateProperty = "Duplicate property: a JSON object may name each property only once.";
}

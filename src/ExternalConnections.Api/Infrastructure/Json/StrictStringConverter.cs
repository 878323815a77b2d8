using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExternalConnections.Api.Infrastructure.Json;

/// <summary>
/// Reads only JSON strings as <see cref="string"/>, with error messages a client can act on.
/// </summary>
public sealed class StrictStringConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected a string.");
        }

        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // The reader rejects escapes such as "\ud800" that form no surrogate pair, and raw
            // bytes that are not UTF-8; only an escaped string can hold the former.
            throw new JsonException(reader.ValueIsEscaped ? JsonMessages.UnpairedSurrogate : JsonMessages.InvalidUtf8);
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExternalConnections.Api.Infrastructure.Json;

/// <summary>Reads only the JSON literals <c>true</c> and <c>false</c> as <see cref="bool"/>.</summary>
public sealed class StrictBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => throw new JsonException("Expected true or false; null is not allowed."),
            _ => throw new JsonException("Expected true or false."),
        };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) =>
        writer.WriteBooleanValue(value);
}

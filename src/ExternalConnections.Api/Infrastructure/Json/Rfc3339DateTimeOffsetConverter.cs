using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExternalConnections.Api.Infrastructure.Json;

/// <summary>Reads and writes <see cref="DateTimeOffset"/> with the rules of <see cref="Rfc3339DateTime"/>.</summary>
public sealed class Rfc3339DateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException(Rfc3339DateTime.ExpectedFormat);
        }

        if (!Rfc3339DateTime.TryParse(reader.GetString()!, out var value, out var error))
        {
            throw new JsonException(error);
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[32];
        Rfc3339DateTime.TryFormat(value, buffer, out var written);
        writer.WriteStringValue(buffer[..written]);
    }
}

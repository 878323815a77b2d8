using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExternalConnections.Api.Infrastructure.Json;

/// <summary>
/// Writes a string that already holds JSON as that JSON, not as a quoted string, and reads any
/// JSON value back into its text. Responses pass PostgreSQL's jsonb text through this way without
/// parsing it into a document first.
/// </summary>
public sealed class RawJsonConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    // The text comes from PostgreSQL, which only returns valid JSON, so validating it again would
    // only cost time.
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value, skipInputValidation: true);
}

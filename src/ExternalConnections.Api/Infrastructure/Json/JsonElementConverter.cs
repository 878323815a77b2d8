using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExternalConnections.Api.Infrastructure.Json;

/// <summary>
/// Reads a free-form JSON value as a <see cref="JsonElement"/> without rejecting duplicate keys
/// inside it, so that the validators can report each one at its JSON path.
/// </summary>
/// <remarks>
/// With <see cref="JsonSerializerOptions.AllowDuplicateProperties"/> off, the built-in converter
/// rejects a duplicate key anywhere in the value with the path of the request property only, such
/// as <c>configurationJson</c> for a repeated key in <c>configurationJson.retry</c>.
/// <see cref="Connections.Validation.ConfigurationJsonChecker"/> rejects duplicates instead.
/// </remarks>
public sealed class JsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonElement.ParseValue(ref reader);

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) =>
        value.WriteTo(writer);
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExternalConnections.Api.Infrastructure.Json;

/// <summary>
/// Reads and writes an enum as its exact snake_case wire name. Unlike
/// <see cref="JsonStringEnumConverter"/>, it rejects other casings and integers.
/// </summary>
public sealed class SnakeCaseEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly string ExpectedValues = $"Expected one of: {SnakeCaseNames<TEnum>.AllJoined}.";

    private static readonly string NullNotAllowed = $"Expected one of: {SnakeCaseNames<TEnum>.AllJoined}; null is not allowed.";

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String
            && SnakeCaseNames<TEnum>.TryParse(reader.GetString(), out var value))
        {
            return value;
        }

        throw new JsonException(reader.TokenType == JsonTokenType.Null ? NullNotAllowed : ExpectedValues);
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(SnakeCaseNames<TEnum>.ToName(value));
}

/// <summary>Creates a <see cref="SnakeCaseEnumConverter{TEnum}"/> for every enum type.</summary>
public sealed class SnakeCaseEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(SnakeCaseEnumConverter<>).MakeGenericType(typeToConvert))!;
}

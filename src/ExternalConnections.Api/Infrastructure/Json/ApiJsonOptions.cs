using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ExternalConnections.Api.Infrastructure.Json;

/// <summary>The one set of JSON rules for request bodies and responses.</summary>
public static class ApiJsonOptions
{
    /// <summary>
    /// Applies the wire format: exact camelCase names, no duplicate properties, no numbers in
    /// strings, every field written even when null, snake_case enums and RFC 3339 date-times.
    /// Inside a free-form JSON value, the validators reject duplicate properties, so that the error
    /// names their path.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = false;
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.AllowTrailingCommas = false;

        options.Converters.Add(new StrictStringConverter());
        options.Converters.Add(new StrictBooleanConverter());
        options.Converters.Add(new Rfc3339DateTimeOffsetConverter());
        options.Converters.Add(new SnakeCaseEnumConverterFactory());
        options.Converters.Add(new JsonElementConverter());

        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers = { OptionalPropertyModifier.Apply },
        };
    }
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ExternalConnections.Api.Infrastructure.Json;

namespace ExternalConnections.Api.Infrastructure.Errors;

/// <summary>
/// Turns a <see cref="JsonException"/> from reading a request body into a validation error keyed
/// by the JSON path of the offending value, with a message that names the rule.
/// </summary>
/// <remarks>
/// The service's converters throw messages written for clients. The serializer's own messages
/// name .NET types and reader internals, so those are replaced: a type mismatch is described
/// from the request's contract, and malformed JSON keeps the reader's reason and position.
/// </remarks>
public static class JsonErrorTranslator
{
    private const string SerializerTypeMismatch = "The JSON value could not be converted to";
    private const string SerializerDuplicate = "Duplicate property";

    public static (string Key, string Message) Translate(JsonException exception, Type? bodyType, JsonSerializerOptions options)
    {
        var key = ToKey(exception.Path);
        var message = exception.Message;

        if (message.StartsWith(SerializerDuplicate, StringComparison.Ordinal))
        {
            return (key, JsonMessages.DuplicateProperty);
        }

        if (exception.InnerException is InvalidOperationException inner && inner.Message.Contains("UTF-16", StringComparison.Ordinal))
        {
            // The reader could not decode a string or a property name, which the serializer reports as
            // a type mismatch at the enclosing value. JSON names are decoded even inside JsonElement
            // values, to find duplicates, so this is where a configurationJson key with \ud800 fails.
            return (key, JsonMessages.UnpairedSurrogate);
        }

        if (message.StartsWith(SerializerTypeMismatch, StringComparison.Ordinal))
        {
            return (key, DescribeExpected(key, bodyType, options));
        }

        if (exception.InnerException is null)
        {
            // Thrown by one of the service's converters: the message is already for clients.
            return (key, message);
        }

        return (key, $"Malformed JSON at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}: "
            + ReaderReason(message));
    }

    /// <summary>Turns <c>$.scopesJson[1]</c> into <c>scopesJson[1]</c>; the whole body stays <c>$</c>.</summary>
    public static string ToKey(string? path) =>
        path switch
        {
            null or "" or "$" => "$",
            _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
            _ when path.StartsWith("$['", StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal) => path[3..^2],
            _ => path,
        };

    private static string DescribeExpected(string key, Type? bodyType, JsonSerializerOptions options)
    {
        if (key == "$" || bodyType is null)
        {
            return "Expected a JSON object.";
        }

        var propertyName = key.Split('[', '.')[0];
        var property = options.GetTypeInfo(bodyType).Properties
            .FirstOrDefault(candidate => candidate.Name == propertyName);
        return property?.PropertyType switch
        {
            { } type when type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) =>
                "Expected an array.",
            { } type when options.GetTypeInfo(type).Kind == JsonTypeInfoKind.Object => "Expected a JSON object.",
            _ => "Invalid value for this field.",
        };
    }

    /// <summary>
    /// Keeps the reader's reason without what the serializer appends (" Path: … | LineNumber: …")
    /// and without its advice to change reader options or its note on isFinalBlock, which are
    /// meant for the server's code.
    /// </summary>
    private static string ReaderReason(string message)
    {
        var end = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (end < 0)
        {
            end = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        var reason = end < 0 ? message : message[..end];
        return reason
            .Replace(" Change the reader options.", string.Empty, StringComparison.Ordinal)
            .Replace(", when isFinalBlock is true.", ".", StringComparison.Ordinal);
    }
}

using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExternalConnections.Api.Connections.Validation;

/// <summary>Lists the JSON property names a request body accepts, for error messages.</summary>
public static class RequestSchema
{
    public static IReadOnlyList<string> PropertyNames<TRequest>() =>
        typeof(TRequest)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetCustomAttribute<JsonExtensionDataAttribute>() is null)
            .Select(property => JsonNamingPolicy.CamelCase.ConvertName(property.Name))
            .ToArray();

    /// <summary>Properties of a stored record that only the service sets.</summary>
    public static bool IsReadOnly(string name) => name is "id" or "createdAt" or "updatedAt";
}

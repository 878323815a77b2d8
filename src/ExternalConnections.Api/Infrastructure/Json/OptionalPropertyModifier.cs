using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace ExternalConnections.Api.Infrastructure.Json;

/// <summary>
/// Reads a property of type <see cref="Optional{T}"/> as if it were declared as <c>T</c>.
/// </summary>
/// <remarks>
/// A converter for <see cref="Optional{T}"/> would have to deserialize <c>T</c> in a nested call,
/// which loses the JSON path of errors inside it (<c>scopesJson[2]</c> would become <c>$[2]</c>).
/// Replacing the property contract instead lets the serializer read <c>T</c> itself and only
/// wraps the result, so paths, null handling and converters stay exactly as for <c>T</c>.
/// The serializer calls the setter only for properties present in the JSON, which is what
/// marks a member as present.
/// </remarks>
public static class OptionalPropertyModifier
{
    private static readonly MethodInfo CreateSetterMethod =
        typeof(OptionalPropertyModifier).GetMethod(nameof(CreateSetter), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var index = 0; index < typeInfo.Properties.Count; index++)
        {
            var property = typeInfo.Properties[index];
            if (property.Set is null || !IsOptional(property.PropertyType))
            {
                continue;
            }

            var valueType = property.PropertyType.GetGenericArguments()[0];
            var replacement = typeInfo.CreateJsonPropertyInfo(valueType, property.Name);
            replacement.Set = (Action<object, object?>)CreateSetterMethod
                .MakeGenericMethod(valueType)
                .Invoke(null, [property.Set])!;
            typeInfo.Properties[index] = replacement;
        }
    }

    private static bool IsOptional(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>);

    private static Action<object, object?> CreateSetter<T>(Action<object, object?> setOptional) =>
        (target, value) => setOptional(target, new Optional<T>((T)value!));
}

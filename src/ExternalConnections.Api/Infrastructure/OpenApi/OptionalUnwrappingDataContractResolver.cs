using ExternalConnections.Api.Infrastructure.Json;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ExternalConnections.Api.Infrastructure.OpenApi;

/// <summary>
/// Describes an <see cref="Optional{T}"/> member as its <c>T</c>, which is what travels on the
/// wire: the wrapper only records whether a merge-patch member was present.
/// </summary>
public sealed class OptionalUnwrappingDataContractResolver(ISerializerDataContractResolver inner) : ISerializerDataContractResolver
{
    public DataContract GetDataContractForType(Type type) =>
        inner.GetDataContractForType(UnwrapOptional(type));

    public static Type UnwrapOptional(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>)
            ? type.GetGenericArguments()[0]
            : type;
}

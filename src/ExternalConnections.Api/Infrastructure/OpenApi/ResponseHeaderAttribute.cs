using Microsoft.OpenApi;

namespace ExternalConnections.Api.Infrastructure.OpenApi;

/// <summary>Endpoint metadata naming a header that a response of the given status carries.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ResponseHeaderAttribute(int statusCode, string name, string description, JsonSchemaType type = JsonSchemaType.String) : Attribute
{
    public int StatusCode { get; } = statusCode;

    public string Name { get; } = name;

    public string Description { get; } = description;

    public JsonSchemaType Type { get; } = type;
}

public static class ResponseHeaderExtensions
{
    public static TBuilder WithResponseHeader<TBuilder>(
        this TBuilder builder,
        int statusCode,
        string name,
        string description,
        JsonSchemaType type = JsonSchemaType.String)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ResponseHeaderAttribute(statusCode, name, description, type));
}

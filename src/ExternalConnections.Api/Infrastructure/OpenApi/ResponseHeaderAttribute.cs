namespace ExternalConnections.Api.Infrastructure.OpenApi;

/// <summary>Endpoint metadata naming a header that a response of the given status carries.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ResponseHeaderAttribute(int statusCode, string name, string description) : Attribute
{
    public int StatusCode { get; } = statusCode;

    public string Name { get; } = name;

    public string Description { get; } = description;
}

public static class ResponseHeaderExtensions
{
    public static RouteHandlerBuilder WithResponseHeader(
        this RouteHandlerBuilder builder,
        int statusCode,
        string name,
        string description) =>
        builder.WithMetadata(new ResponseHeaderAttribute(statusCode, name, description));
}

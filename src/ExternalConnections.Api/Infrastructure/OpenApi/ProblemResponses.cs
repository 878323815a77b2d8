using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ExternalConnections.Api.Infrastructure.OpenApi;

internal static class ProblemResponses
{
    public const string RetryAfterDescription = "Seconds to wait before sending the request again.";

    /// <summary>Adds an application/problem+json response for <paramref name="status"/> unless the operation lists one.</summary>
    public static void Add(OpenApiOperation operation, OperationFilterContext context, int status, string description)
    {
        operation.Responses ??= [];
        operation.Responses.TryAdd(status.ToString(CultureInfo.InvariantCulture), new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new()
                {
                    Schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository),
                },
            },
        });
    }

    /// <summary>Documents the Retry-After header on the <paramref name="status"/> response, if the operation lists it.</summary>
    public static void AddRetryAfterHeader(OpenApiOperation operation, int status) =>
        AddHeader(operation, status, "Retry-After", RetryAfterDescription, JsonSchemaType.Integer);

    /// <summary>Documents a header on the <paramref name="status"/> response, if the operation lists it.</summary>
    public static void AddHeader(OpenApiOperation operation, int status, string name, string description, JsonSchemaType type)
    {
        if (operation.Responses?.GetValueOrDefault(status.ToString(CultureInfo.InvariantCulture)) is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[name] = new OpenApiHeader
            {
                Description = description,
                Schema = new OpenApiSchema { Type = type },
            };
        }
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ExternalConnections.Api.Infrastructure.OpenApi;

/// <summary>
/// Adds <c>traceId</c> to the problem schemas: every problem carries it, as an extension member
/// that the <see cref="ProblemDetails"/> type does not declare.
/// </summary>
public sealed class ProblemSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (typeof(ProblemDetails).IsAssignableFrom(context.Type) && schema is OpenApiSchema { Properties: { } properties })
        {
            properties["traceId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The request's trace id, which the service's log line for the request also carries.",
            };
        }
    }
}

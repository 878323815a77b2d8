using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ExternalConnections.Api.Infrastructure.OpenApi;

/// <summary>
/// Adds <c>traceId</c> to the problem schemas, an extension member that the
/// <see cref="ProblemDetails"/> type does not declare, and marks the members that every problem of
/// this service carries as required and never null.
/// </summary>
public sealed class ProblemSchemaFilter : ISchemaFilter
{
    private static readonly string[] AlwaysPresent = ["type", "title", "status", "detail", "traceId"];

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (typeof(ProblemDetails).IsAssignableFrom(context.Type) && schema is OpenApiSchema { Properties: { } properties } problem)
        {
            properties["traceId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The request's trace id, which the service's log line for the request also carries.",
            };

            var alwaysPresent = context.Type == typeof(HttpValidationProblemDetails) ? AlwaysPresent.Append("errors").ToArray() : AlwaysPresent;
            foreach (var name in alwaysPresent)
            {
                if (properties.TryGetValue(name, out var property) && property is OpenApiSchema { Type: { } type } member)
                {
                    member.Type = type & ~JsonSchemaType.Null;
                }
            }

            problem.Required = new HashSet<string>(alwaysPresent.Where(properties.ContainsKey), StringComparer.Ordinal);
        }
    }
}

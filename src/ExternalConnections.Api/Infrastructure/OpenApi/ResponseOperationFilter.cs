using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ExternalConnections.Api.Infrastructure.OpenApi;

/// <summary>
/// Adds to every operation what endpoint metadata cannot express: the headers named by
/// <see cref="ResponseHeaderAttribute"/>, and the 500 problem that any request can meet.
/// </summary>
public sealed class ResponseOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        foreach (var header in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ResponseHeaderAttribute>())
        {
            if (operation.Responses.TryGetValue(header.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
                && response is OpenApiResponse openApiResponse)
            {
                openApiResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
                openApiResponse.Headers[header.Name] = new OpenApiHeader
                {
                    Description = header.Description,
                    Schema = new OpenApiSchema { Type = header.Type },
                };
            }
        }

        ProblemResponses.Add(operation, context, StatusCodes.Status500InternalServerError, "Internal server error: a problem without exception details.");
    }
}

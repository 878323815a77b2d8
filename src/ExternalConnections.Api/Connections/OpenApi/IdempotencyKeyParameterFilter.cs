using ExternalConnections.Api.Connections.Idempotency;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ExternalConnections.Api.Connections.OpenApi;

/// <summary>
/// Documents the format of the <c>Idempotency-Key</c> header that <see cref="IdempotencyKeys.IsValid"/>
/// checks: 1 to 255 visible ASCII characters other than a comma.
/// </summary>
public sealed class IdempotencyKeyParameterFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var parameter = operation.Parameters?.OfType<OpenApiParameter>()
            .FirstOrDefault(parameter => parameter.In == ParameterLocation.Header && parameter.Name == IdempotencyKeys.HeaderName);
        if (parameter?.Schema is OpenApiSchema schema)
        {
            schema.MinLength = 1;
            schema.MaxLength = IdempotencyKeys.MaxKeyLength;
            schema.Pattern = "^[!-+\\--~]+$";
        }
    }
}

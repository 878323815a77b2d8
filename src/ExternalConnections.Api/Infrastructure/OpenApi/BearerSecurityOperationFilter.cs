using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ExternalConnections.Api.Infrastructure.OpenApi;

/// <summary>
/// Marks operations that need a bearer token, so Swagger UI sends the token entered under
/// Authorize, and lists the problems that authentication and rate limiting add: 401, 403 for
/// writes, and 429.
/// </summary>
public sealed class BearerSecurityOperationFilter : IOperationFilter
{
    public const string SchemeName = "Bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
            ProblemResponses.Add(operation, context, StatusCodes.Status401Unauthorized, "No valid bearer token: it is missing, expired or signed by an unknown key.");
            ProblemResponses.AddHeader(
                operation,
                StatusCodes.Status401Unauthorized,
                "WWW-Authenticate",
                "Bearer: the scheme to authenticate with. It gives no reason, which goes to the service's log.",
                JsonSchemaType.String);
            if (context.ApiDescription.HttpMethod is not "GET")
            {
                ProblemResponses.Add(operation, context, StatusCodes.Status403Forbidden, "The caller is not a member of the workspace this write concerns.");
            }
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            ProblemResponses.Add(operation, context, StatusCodes.Status429TooManyRequests, "The caller exceeded its request rate; see Retry-After.");
            ProblemResponses.AddRetryAfterHeader(operation, StatusCodes.Status429TooManyRequests);
        }
    }
}

using System.Diagnostics;
using ExternalConnections.Api.Connections;
using Microsoft.AspNetCore.WebUtilities;

namespace ExternalConnections.Api.Infrastructure.Errors;

public static class ProblemDetailsSetup
{
    /// <summary>
    /// Registers problem responses for every error: the exception handler, and defaults that
    /// give each problem a type, title, detail and traceId, including the bodyless 404 and 405
    /// that routing produces.
    /// </summary>
    public static IServiceCollection AddProblemResponses(this IServiceCollection services)
    {
        services.AddSingleton<OutageLogThrottle>();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Complete);
        return services;
    }

    private static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;

        problem.Type ??= "about:blank";
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        problem.Detail ??= status switch
        {
            StatusCodes.Status404NotFound => $"No resource matches {request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
            StatusCodes.Status413PayloadTooLarge =>
                $"The request body exceeds the limit of {ConnectionLimits.RequestBodyMaxBytes:N0} bytes.",
            StatusCodes.Status415UnsupportedMediaType =>
                "Send the body as JSON with Content-Type: application/json "
                + "(or application/merge-patch+json for PATCH).",
            _ => problem.Title,
        };
        problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
    }
}

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

        // Registered before AddProblemDetails adds the default writer, so it is asked first.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Complete);
        return services;
    }

    private static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;

        problem.Status ??= status;
        problem.Type ??= TypeFor(status);
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        problem.Detail ??= status switch
        {
            StatusCodes.Status401Unauthorized =>
                "A valid bearer token is required: send Authorization: Bearer <token>. If you sent one, it is malformed, expired, or not issued and signed for this API.",
            StatusCodes.Status403Forbidden => "The token does not allow this request.",
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

    /// <summary>The RFC section that defines a status code, or about:blank for others.</summary>
    private static string TypeFor(int status) =>
        status switch
        {
            400 => Rfc9110("15.5.1"),
            401 => Rfc9110("15.5.2"),
            403 => Rfc9110("15.5.4"),
            404 => Rfc9110("15.5.5"),
            405 => Rfc9110("15.5.6"),
            408 => Rfc9110("15.5.9"),
            409 => Rfc9110("15.5.10"),
            412 => Rfc9110("15.5.13"),
            413 => Rfc9110("15.5.14"),
            415 => Rfc9110("15.5.16"),
            422 => Rfc9110("15.5.21"),
            429 => "https://tools.ietf.org/html/rfc6585#section-4",
            500 => Rfc9110("15.6.1"),
            503 => Rfc9110("15.6.4"),
            _ => "about:blank",
        };

    private static string Rfc9110(string section) => $"https://tools.ietf.org/html/rfc9110#section-{section}";
}

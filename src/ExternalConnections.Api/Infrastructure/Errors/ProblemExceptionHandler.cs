using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ExternalConnections.Api.Infrastructure.Errors;

/// <summary>
/// Maps every exception that reaches the pipeline to a problem response: unreadable request
/// bodies to 400, 413 or 415, and anything unexpected to a 500 that carries no exception text.
/// </summary>
public sealed class ProblemExceptionHandler(
    IProblemDetailsService problemDetailsService,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions,
    ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => InvalidJson(httpContext, json),
            BadHttpRequestException badRequest => UnreadableRequest(badRequest),
            _ => Unexpected(httpContext, exception),
        };

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetailsService.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
        });
    }

    private HttpValidationProblemDetails InvalidJson(HttpContext httpContext, JsonException exception)
    {
        // The middleware clears the endpoint before calling handlers; the feature keeps it.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var (key, message) = JsonErrorTranslator.Translate(exception, bodyType, jsonOptions.Value.SerializerOptions);
        return ValidationProblem(new Dictionary<string, string[]> { [key] = [message] });
    }

    /// <summary>
    /// 413 and 415 keep their status, and <see cref="ProblemDetailsSetup"/> words them. A plain
    /// 400 means an empty body, the JSON literal null, or a body cut short before Content-Length.
    /// </summary>
    private static ProblemDetails UnreadableRequest(BadHttpRequestException exception) =>
        exception.StatusCode == StatusCodes.Status400BadRequest
            ? ValidationProblem(new Dictionary<string, string[]>
            {
                ["$"] = ["Expected a JSON object as the request body; it is empty, null or incomplete."],
            })
            : new ProblemDetails { Status = exception.StatusCode };

    private ProblemDetails Unexpected(HttpContext httpContext, Exception exception)
    {
        logger.LogError(
            exception,
            "Request {Method} {Path} failed with an unexpected error",
            httpContext.Request.Method,
            httpContext.Request.Path);
        return new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "Internal server error.",
            Detail = "The server failed to process the request. Quote the traceId when reporting it.",
        };
    }

    private static HttpValidationProblemDetails ValidationProblem(IDictionary<string, string[]> errors) =>
        new(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Problems.ValidationTitle,
            Detail = Problems.ValidationDetail,
        };
}

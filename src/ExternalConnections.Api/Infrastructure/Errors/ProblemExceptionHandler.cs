using System.Globalization;
using System.Text.Json;
using ExternalConnections.Api.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ExternalConnections.Api.Infrastructure.Errors;

/// <summary>
/// Maps every exception that reaches the pipeline to a problem response: unreadable request
/// bodies to 400, 413 or 415, and anything unexpected to a 500 that carries no exception text.
/// </summary>
public sealed class ProblemExceptionHandler(
    IProblemDetailsService problemDetailsService,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions,
    IOptions<DatabaseOptions> databaseOptions,
    OutageLogThrottle outageLog,
    ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody reads a response, and nothing failed on this side.
            logger.LogInformation("Client closed the connection during {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }

        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => InvalidJson(httpContext, json),
            BadHttpRequestException badRequest => UnreadableRequest(badRequest),
            _ when DatabaseErrors.IsUnavailable(exception) => DatabaseUnavailable(httpContext, exception),
            _ when DatabaseErrors.FindServerError(exception) is { } serverError && IsDataError(serverError) =>
                RejectedByDatabase(httpContext, serverError),
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
    /// 413 keeps its status, and <see cref="ProblemDetailsSetup"/> words it. A plain 400 means an
    /// empty body, the JSON literal null, or a body cut short before Content-Length.
    /// </summary>
    private static ProblemDetails UnreadableRequest(BadHttpRequestException exception) =>
        exception.StatusCode == StatusCodes.Status400BadRequest
            ? ValidationProblem(new Dictionary<string, string[]>
            {
                ["$"] = ["Expected a JSON object as the request body; it is empty, null or incomplete."],
            })
            : new ProblemDetails { Status = exception.StatusCode };

    /// <summary>
    /// 503 with Retry-After: PostgreSQL is down, overloaded or too slow. No write is ever half
    /// done, because each write is one statement or one transaction. A write whose commit was
    /// lost with the connection may still have been applied, so the detail does not promise
    /// otherwise.
    /// </summary>
    private ProblemDetails DatabaseUnavailable(HttpContext httpContext, Exception exception)
    {
        if (outageLog.TryEnter(out var skipped))
        {
            logger.LogWarning(
                "Database unavailable during {Method} {Path}: {Reason} ({Skipped} similar failures not logged since the last warning)",
                httpContext.Request.Method,
                httpContext.Request.Path,
                exception.GetBaseException().Message,
                skipped);
        }

        // Whole seconds, rounded up, in the header and the detail alike.
        var retryAfterSeconds = Math.Max(1, (int)Math.Ceiling(databaseOptions.Value.RetryAfter.TotalSeconds));
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Service unavailable.",
            Detail = $"The database is unavailable or busy; retry after {retryAfterSeconds} seconds. "
                + "Retrying a create without an Idempotency-Key can store a second record if the first one was committed.",
        };
    }

    // Classes 22 (data exception) and 23 (integrity constraint violation) of PostgreSQL's error codes.
    private static bool IsDataError(PostgresException error) =>
        error.SqlState.StartsWith("22", StringComparison.Ordinal) || error.SqlState.StartsWith("23", StringComparison.Ordinal);

    /// <summary>
    /// A value passed validation but not the database. That is a gap in the validators, so it
    /// is logged as an error, while the client gets a 400 or 409 instead of a 500.
    /// </summary>
    private ProblemDetails RejectedByDatabase(HttpContext httpContext, PostgresException error)
    {
        // MessageText can quote the rejected value, so only the code and constraint are logged.
        logger.LogError(
            "PostgreSQL rejected a value of {Method} {Path} with {SqlState} (constraint {Constraint})",
            httpContext.Request.Method,
            httpContext.Request.Path,
            error.SqlState,
            error.ConstraintName);
        return error.SqlState == PostgresErrorCodes.UniqueViolation
            ? new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict.",
                Detail = "The request conflicts with a stored record.",
            }
            : new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = Problems.ValidationTitle,
                Detail = "The database rejected a value of this request. Quote the traceId when reporting it.",
            };
    }

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

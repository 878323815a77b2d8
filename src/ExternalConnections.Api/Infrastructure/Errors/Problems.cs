using Microsoft.AspNetCore.Http.HttpResults;

namespace ExternalConnections.Api.Infrastructure.Errors;

/// <summary>The problem responses (RFC 9457) that endpoints return for expected failures.</summary>
public static class Problems
{
    public const string ValidationTitle = "The request is invalid.";

    public const string ValidationDetail = "See errors: each key is the JSON path or parameter name of an invalid value.";

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: ValidationDetail, title: ValidationTitle);

    public static ValidationProblem InvalidHeader(string header) =>
        Validation(new Dictionary<string, string[]>
        {
            [header] = ["Expected * or a comma-separated list of quoted entity tags, such as \"3\"."],
        });

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");

    public static ProblemHttpResult IdempotencyKeyReused() =>
        TypedResults.Problem(
            detail: "This Idempotency-Key was already used with a different request body. "
                + "Send a new key for a new request, or repeat the first request unchanged.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Idempotency-Key reused.");

    public static ProblemHttpResult PreconditionFailed() =>
        TypedResults.Problem(
            detail: "A precondition failed: If-Match names no current entity tag of the record, which changed "
                + "since you read it, or If-None-Match names the current one. GET the record again for its "
                + "current ETag, and reapply any change against that version.",
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "Precondition failed.");
}

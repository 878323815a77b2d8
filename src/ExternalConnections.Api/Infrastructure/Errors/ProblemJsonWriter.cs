using Microsoft.Extensions.Options;

namespace ExternalConnections.Api.Infrastructure.Errors;

/// <summary>
/// Writes every problem as application/problem+json, whatever the request's Accept header says.
/// ASP.NET Core's own writer declines when Accept leaves out JSON, and the error then goes out
/// as plain text or with an empty body; RFC 9110 lets a server answer with a type the client
/// did not ask for, and a JSON error is more useful than none.
/// </summary>
public sealed class ProblemJsonWriter(
    IOptions<ProblemDetailsOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        options.Value.CustomizeProblemDetails?.Invoke(context);
        var problem = context.ProblemDetails;
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            problem,
            problem.GetType(),
            jsonOptions.Value.SerializerOptions,
            ContentType,
            context.HttpContext.RequestAborted));
    }
}

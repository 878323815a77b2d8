using ExternalConnections.Api.Connections.Idempotency;
using ExternalConnections.Api.Connections.Listing;
using ExternalConnections.Api.Infrastructure.Errors;
using ExternalConnections.Api.Infrastructure.Http;
using ExternalConnections.Api.Infrastructure.OpenApi;
using ExternalConnections.Api.Infrastructure.Security;
using ExternalConnections.Api.Infrastructure.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace ExternalConnections.Api.Connections;

/// <summary>The HTTP routes of external connections.</summary>
public static class ConnectionEndpoints
{
    public const string BasePath = "/api/v1/external-connections";

    public const string MergePatchMediaType = "application/merge-patch+json";

    private const string ById = $"/{{id:{UuidRouteConstraint.Name}}}";

    private const string ETagDescription =
        "Strong entity tag of the stored version; send it in If-Match to update or delete only that version.";

    public static IEndpointRouteBuilder MapConnectionEndpoints(this IEndpointRouteBuilder app)
    {
        var connections = app.MapGroup(BasePath)
            .WithTags("External connections")
            .RequireAuthorization(AuthenticationSetup.ApiPolicy)
            .RequireRateLimiting(RateLimitingSetup.PerCallerPolicy)
            .AddEndpointFilterFactory(ValidationFilter.Create)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithResponseHeader(StatusCodes.Status503ServiceUnavailable, "Retry-After", ProblemResponses.RetryAfterDescription, JsonSchemaType.Integer);

        connections.MapPost("/", CreateAsync)
            .WithName("CreateConnection")
            .WithSummary("Create a connection")
            .WithDescription("Stores a new connection and returns it with its ETag and Location. "
                + "Absent connectionStatus, connectionRole and aiAccessEnabled take their defaults: "
                + "active, personal and false.")
            .Accepts<CreateConnectionRequest>("application/json")
            .WithResponseHeader(StatusCodes.Status201Created, "Location", "Path of the new connection.")
            .WithResponseHeader(StatusCodes.Status201Created, "ETag", ETagDescription)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        connections.MapGet(ById, GetAsync)
            .WithName("GetConnection")
            .WithSummary("Get a connection")
            .WithDescription("Returns the connection with its ETag, or 304 when If-None-Match names that ETag. "
                + "With If-Match, any other version gets 412.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithResponseHeader(StatusCodes.Status200OK, "ETag", ETagDescription)
            .WithResponseHeader(StatusCodes.Status304NotModified, "ETag", ETagDescription);
        connections.MapMethods(ById, [HttpMethods.Head], GetAsync).ExcludeFromDescription();

        connections.MapGet("/", ListAsync)
            .WithName("ListConnections")
            .WithSummary("List connections")
            .WithDescription("Returns one page of connections, newest first by default. Each filter may repeat: "
                + "repeats of one filter are OR, different filters are AND. Pass nextCursor as cursor for the next page.");
        connections.MapMethods("/", [HttpMethods.Head], ListAsync).ExcludeFromDescription();

        connections.MapPatch(ById, UpdateAsync)
            .WithName("UpdateConnection")
            .WithSummary("Update a connection")
            .WithDescription("Applies a JSON Merge Patch (RFC 7396): an absent field is unchanged and null clears an "
                + "optional field. provider, connectionType, workspaceId and visibilityMode cannot change. "
                + "With If-Match, a stale ETag gets 412 and changes nothing.")
            .Accepts<UpdateConnectionRequest>(MergePatchMediaType, "application/json")
            .WithResponseHeader(StatusCodes.Status200OK, "ETag", ETagDescription)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        connections.MapDelete(ById, DeleteAsync)
            .WithName("DeleteConnection")
            .WithSummary("Delete a connection")
            .WithDescription("Deletes the connection. With If-Match, a stale ETag gets 412 and deletes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        return app;
    }

    /// <param name="caller">Who sent the request.</param>
    /// <param name="request">The connection to create.</param>
    /// <param name="idempotencyKey">
    /// Optional: 1 to 255 visible ASCII characters other than a comma, such as a UUID. A retry with
    /// the same key and body within the key lifetime (24 hours by default) returns the first
    /// result (the same id, 201) and creates nothing. The same key with a different body gets 422.
    /// Keys are kept per caller, so the token must carry a subject (sub) claim.
    /// </param>
    /// <param name="service">The connection service.</param>
    /// <param name="response">The response, for the ETag header.</param>
    /// <param name="cancellationToken">Cancelled when the client disconnects.</param>
    private static async Task<Results<Created<ConnectionResponse>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        Caller caller,
        CreateConnectionRequest request,
        [FromHeader(Name = IdempotencyKeys.HeaderName)] string? idempotencyKey,
        ConnectionService service,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && InvalidKeyReason(idempotencyKey, caller) is { } reason)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                [IdempotencyKeys.HeaderName] = [reason],
            });
        }

        var result = await service.CreateAsync(caller, request, idempotencyKey, cancellationToken);
        return result.Status switch
        {
            CreateStatus.KeyReused => Problems.IdempotencyKeyReused(),
            CreateStatus.Forbidden => Problems.Forbidden($"You are not a member of workspace {request.WorkspaceId}, so you cannot create connections in it."),
            _ => CreatedWithETag(result.Connection!, response),
        };
    }

    private static string? InvalidKeyReason(string idempotencyKey, Caller caller)
    {
        if (!IdempotencyKeys.IsValid(idempotencyKey))
        {
            return $"Expected 1 to {IdempotencyKeys.MaxKeyLength} visible ASCII characters other than a comma, such as a UUID.";
        }

        // Keys are kept per subject; without one, two callers could replay each other's records.
        return caller.Subject is null
            ? "Keys are kept per caller, and this token has no subject (sub) claim to keep it under."
            : null;
    }

    /// <param name="caller">Who sent the request.</param>
    /// <param name="id">The connection's id.</param>
    /// <param name="ifMatch">Optional: return 412 unless the record's current ETag is one of these, or * for any.</param>
    /// <param name="ifNoneMatch">Optional: return 304 without a body if the record's current ETag is one of these, or *.</param>
    /// <param name="service">The connection service.</param>
    /// <param name="response">The response, for the ETag header.</param>
    /// <param name="cancellationToken">Cancelled when the client disconnects.</param>
    private static async Task<Results<Ok<ConnectionResponse>, StatusCodeHttpResult, ProblemHttpResult, ValidationProblem>> GetAsync(
        Caller caller,
        Guid id,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        [FromHeader(Name = "If-None-Match")] string? ifNoneMatch,
        ConnectionService service,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (!Preconditions.TryParse(ifMatch, ifNoneMatch, out var preconditions, out var invalidHeader))
        {
            return Problems.InvalidHeader(invalidHeader);
        }

        var stored = await service.GetAsync(caller, id, cancellationToken);
        if (stored is null)
        {
            return NotFound(id);
        }

        // RFC 9110, section 13.2.2: If-Match is evaluated first, and a read that fails it gets
        // 412, so a client can fetch "this version or nothing".
        if (preconditions.IfMatch is { } match && !match.MatchesStrongly(stored.ETag))
        {
            return Problems.PreconditionFailed();
        }

        response.Headers.ETag = stored.ETag;
        return preconditions.IfNoneMatch is { } noneMatch && noneMatch.MatchesWeakly(stored.ETag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(stored.Connection);
    }

    private static async Task<Ok<ConnectionPage>> ListAsync(
        Caller caller,
        [AsParameters] ListConnectionsQuery query,
        ConnectionService service,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListAsync(caller, ListConnectionsCriteria.From(query), cancellationToken));

    /// <param name="caller">Who sent the request.</param>
    /// <param name="id">The connection's id.</param>
    /// <param name="patch">The fields to change, as a JSON Merge Patch.</param>
    /// <param name="ifMatch">Optional: apply only if the record's current ETag is one of these, or * for any.</param>
    /// <param name="ifNoneMatch">Optional: apply only if the record's current ETag is none of these; * always fails.</param>
    /// <param name="service">The connection service.</param>
    /// <param name="response">The response, for the ETag header.</param>
    /// <param name="cancellationToken">Cancelled when the client disconnects.</param>
    private static async Task<Results<Ok<ConnectionResponse>, ProblemHttpResult, ValidationProblem>> UpdateAsync(
        Caller caller,
        Guid id,
        UpdateConnectionRequest patch,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        [FromHeader(Name = "If-None-Match")] string? ifNoneMatch,
        ConnectionService service,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (!Preconditions.TryParse(ifMatch, ifNoneMatch, out var preconditions, out var invalidHeader))
        {
            return Problems.InvalidHeader(invalidHeader);
        }

        var result = await service.UpdateAsync(caller, id, patch, preconditions, cancellationToken);
        return result.Status switch
        {
            WriteStatus.NotFound => NotFound(id),
            WriteStatus.PreconditionFailed => Problems.PreconditionFailed(),
            WriteStatus.Forbidden => ReadOnlyForCaller(),
            _ => OkWithETag(result.Connection!, response),
        };
    }

    /// <param name="caller">Who sent the request.</param>
    /// <param name="id">The connection's id.</param>
    /// <param name="ifMatch">Optional: delete only if the record's current ETag is one of these, or * for any.</param>
    /// <param name="ifNoneMatch">Optional: delete only if the record's current ETag is none of these; * always fails.</param>
    /// <param name="service">The connection service.</param>
    /// <param name="cancellationToken">Cancelled when the client disconnects.</param>
    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> DeleteAsync(
        Caller caller,
        Guid id,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        [FromHeader(Name = "If-None-Match")] string? ifNoneMatch,
        ConnectionService service,
        CancellationToken cancellationToken)
    {
        if (!Preconditions.TryParse(ifMatch, ifNoneMatch, out var preconditions, out var invalidHeader))
        {
            return Problems.InvalidHeader(invalidHeader);
        }

        return await service.DeleteAsync(caller, id, preconditions, cancellationToken) switch
        {
            WriteStatus.NotFound => NotFound(id),
            WriteStatus.PreconditionFailed => Problems.PreconditionFailed(),
            WriteStatus.Forbidden => ReadOnlyForCaller(),
            _ => TypedResults.NoContent(),
        };
    }

    private static Created<ConnectionResponse> CreatedWithETag(StoredConnection stored, HttpResponse response)
    {
        response.Headers.ETag = stored.ETag;
        return TypedResults.Created($"{BasePath}/{stored.Connection.Id}", stored.Connection);
    }

    private static Ok<ConnectionResponse> OkWithETag(StoredConnection stored, HttpResponse response)
    {
        response.Headers.ETag = stored.ETag;
        return TypedResults.Ok(stored.Connection);
    }

    private static ProblemHttpResult NotFound(Guid id) => Problems.NotFound($"No external connection has id {id}.");

    private static ProblemHttpResult ReadOnlyForCaller() =>
        Problems.Forbidden("You may read this connection but not change it: it belongs to a workspace you are not a member of.");
}

using ExternalConnections.Api.Connections;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ExternalConnections.Api.Infrastructure.Http;

/// <summary>
/// Checks a request body before the endpoint binds it, for endpoints that accept one:
/// the media type must be one the endpoint lists (ASP.NET Core alone would take any
/// <c>+json</c> type), JSON must be UTF-8 as RFC 8259 requires, content codings are not
/// supported, and the body may hold at most <see cref="ConnectionLimits.RequestBodyMaxBytes"/>
/// bytes after chunked framing is removed.
/// </summary>
public sealed class RequestBodyGuard(RequestDelegate next, IProblemDetailsService problems)
{
    public Task InvokeAsync(HttpContext context)
    {
        var accepted = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes;
        if (accepted is null || accepted.Count == 0)
        {
            return next(context);
        }

        var request = context.Request;
        if (!StringValues.IsNullOrEmpty(request.Headers.ContentEncoding)
            && !string.Equals(request.Headers.ContentEncoding, "identity", StringComparison.OrdinalIgnoreCase))
        {
            return RejectAsync(context, StatusCodes.Status415UnsupportedMediaType, "Content-Encoding is not supported: send the body uncompressed.");
        }

        if (!TryMatch(request.ContentType, accepted, out var mediaType, out var reason))
        {
            return RejectAsync(context, StatusCodes.Status415UnsupportedMediaType, reason);
        }

        if (request.ContentLength > ConnectionLimits.RequestBodyMaxBytes)
        {
            return RejectAsync(context, StatusCodes.Status413PayloadTooLarge, null);
        }

        // Parameters are dropped once checked, because ASP.NET Core rejects a quoted charset.
        request.ContentType = mediaType;
        request.Body = new LengthLimitedStream(request.Body, ConnectionLimits.RequestBodyMaxBytes);
        return next(context);
    }

    private static bool TryMatch(string? contentType, IReadOnlyList<string> accepted, out string mediaType, out string reason)
    {
        mediaType = string.Empty;
        var expected = string.Join(" or ", accepted);
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || !accepted.Contains(parsed.MediaType.ToString(), StringComparer.OrdinalIgnoreCase))
        {
            reason = $"Content-Type must be {expected}.";
            return false;
        }

        // Every charset parameter counts, so "charset=utf-8; charset=latin1" cannot pass on its first one.
        var charset = parsed.Parameters
            .Where(parameter => parameter.Name.Equals("charset", StringComparison.OrdinalIgnoreCase))
            .Select(parameter => parameter.Value.ToString().Trim('"'))
            .FirstOrDefault(value => !string.Equals(value, "utf-8", StringComparison.OrdinalIgnoreCase));
        if (charset is not null)
        {
            reason = $"The body must be UTF-8 (charset=utf-8), not charset={charset}.";
            return false;
        }

        mediaType = parsed.MediaType.ToString().ToLowerInvariant();
        reason = string.Empty;
        return true;
    }

    private Task RejectAsync(HttpContext context, int status, string? detail)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        }).AsTask();
    }
}

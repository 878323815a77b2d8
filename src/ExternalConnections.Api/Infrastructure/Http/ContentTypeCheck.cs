using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace ExternalConnections.Api.Infrastructure.Http;

/// <summary>
/// Rejects with 415 a request whose Content-Type is not one of the media types its endpoint
/// declares with <c>Accepts</c>. Parameters such as charset are ignored.
/// </summary>
/// <remarks>
/// Routing and JSON body binding in ASP.NET Core treat any media type with a +json suffix as
/// application/json. Without this check, a JSON Patch document (application/json-patch+json)
/// would be read as a merge patch, and a merge patch would be read as a create request.
/// </remarks>
public static class ContentTypeCheck
{
    public static IApplicationBuilder UseDeclaredContentTypes(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var accepted = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAcceptsMetadata>()
                .SelectMany(metadata => metadata.ContentTypes)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToArray();
            if (accepted is { Length: > 0 } && !IsAccepted(context.Request.ContentType, accepted))
            {
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ContentTypeCheck));
                logger.LogInformation(
                    "Rejected Content-Type {ContentType} of {Method} {Path}: the endpoint accepts {AcceptedContentTypes}",
                    context.Request.ContentType,
                    context.Request.Method,
                    context.Request.Path,
                    accepted);

                // UseStatusCodePages writes the problem body.
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                return;
            }

            await next(context);
        });

    private static bool IsAccepted(string? contentType, string[] accepted) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && accepted.Contains(mediaType.MediaType.ToString(), StringComparer.OrdinalIgnoreCase);
}

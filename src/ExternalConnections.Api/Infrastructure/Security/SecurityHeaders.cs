namespace ExternalConnections.Api.Infrastructure.Security;

/// <summary>
/// Adds the response headers that suit a JSON API: no MIME sniffing, no framing, no referrer, no
/// active content, and no storing of responses that may hold credentials references. Swagger UI
/// is an HTML page with scripts, so it keeps only the first three.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        // Added as the response starts, because the exception handler clears the headers set so
        // far before it writes its problem.
        context.Response.OnStarting(
            static state =>
            {
                Apply((HttpContext)state);
                return Task.CompletedTask;
            },
            context);
        return next(context);
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";

        // Routing ignores the case of paths, so these checks do too.
        if (!context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        }

        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            headers.CacheControl = "no-store";
        }
    }
}

using Microsoft.AspNetCore.Diagnostics;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace ExternalConnections.Api.Infrastructure.Logging;

public static class LoggingSetup
{
    /// <summary>Setting that picks the console format: <c>text</c> (default) or <c>json</c>.</summary>
    public const string FormatSetting = "LogFormat";

    private const string TextTemplate =
        "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj} {TraceId}{NewLine}{Exception}";

    /// <summary>
    /// Sends all logging through Serilog to the console, with levels from the <c>Serilog</c>
    /// configuration section, as readable text or as one JSON object per line.
    /// </summary>
    public static WebApplicationBuilder AddSerilogLogging(this WebApplicationBuilder builder)
    {
        var json = string.Equals(builder.Configuration[FormatSetting], "json", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                logger
                    .ReadFrom.Configuration(builder.Configuration)
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext()
                    // Program.cs reports a listen failure in one line; the host's own record of it is a stack trace.
                    .Filter.ByExcluding(logEvent => ListenFailure.Describe(logEvent.Exception) is not null);
                if (!json)
                {
                    logger.Enrich.With<TextLogEscaper>();
                }

                // The console is slow and takes a lock per line, so lines are queued and written on a
                // background thread. A full queue makes requests wait rather than lose lines.
                logger.WriteTo.Async(
                    console =>
                    {
                        if (json)
                        {
                            console.Console(new RenderedCompactJsonFormatter());
                        }
                        else
                        {
                            console.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
                        }
                    },
                    bufferSize: 10_000,
                    blockWhenFull: true);
            },
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// Logs one line per request with method, route template, status and elapsed time; the
    /// trace id travels with the event. Bodies, headers and query strings are never logged.
    /// Add it before the exception handler, so the line shows the status the client received.
    /// </summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // The middleware writes to the static Log.Logger unless given one, and this service
            // leaves the static logger alone so that hosts in one process never share it.
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestRoute} responded {StatusCode} in {Elapsed:0.0} ms";
            options.EnrichDiagnosticContext = (context, httpContext) =>
                context.Set("RequestRoute", RouteOf(httpContext));
            options.GetLevel = (httpContext, _, exception) => (exception, httpContext.Response.StatusCode) switch
            {
                (not null, _) => LogEventLevel.Error,
                (_, StatusCodes.Status503ServiceUnavailable) => LogEventLevel.Warning,
                (_, >= StatusCodes.Status500InternalServerError) => LogEventLevel.Error,
                _ => LogEventLevel.Information,
            };
        });

    // The route template (…/{id}) lets logs group requests by endpoint; a request that matches
    // no route shows its path instead. The exception handler clears the endpoint before it writes
    // a problem, and keeps it in its feature.
    private static string RouteOf(HttpContext httpContext)
    {
        var endpoint = httpContext.GetEndpoint() ?? httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        return endpoint is RouteEndpoint { RoutePattern.RawText: { } template }
            ? template
            : httpContext.Request.Path.Value ?? "/";
    }
}

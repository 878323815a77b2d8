using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ExternalConnections.Api.Infrastructure.Health;

public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// <c>/health/live</c> runs no checks: it answers while the process serves requests.
    /// <c>/health/ready</c> runs the database check and answers 503 with a problem when it fails.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithTags("Health")
            .WithSummary("Liveness")
            .WithDescription("200 while the process runs.");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .WithTags("Health")
            .WithSummary("Readiness")
            .WithDescription("200 when PostgreSQL answers and the schema is up to date, else 503 with a problem.");
        return app;
    }

    private static Task WriteAsync(HttpContext httpContext, HealthReport report)
    {
        var checks = report.Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Description);
        if (report.Status == HealthStatus.Healthy)
        {
            return httpContext.Response.WriteAsJsonAsync(new { status = report.Status.ToString(), checks });
        }

        var problems = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable.",
                Detail = string.Join(" ", report.Entries.Values.Select(entry => entry.Description)),
                Extensions = { ["checks"] = checks },
            },
        }).AsTask();
    }
}

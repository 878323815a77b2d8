using Microsoft.AspNetCore.Http.HttpResults;
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

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health");

        health.MapGet("/live", Live)
            .WithName("Live")
            .WithSummary("Liveness")
            .WithDescription("200 while the process serves requests. Runs no checks.");
        health.MapMethods("/live", [HttpMethods.Head], Live).ExcludeFromDescription();

        health.MapGet("/ready", ReadyAsync)
            .WithName("Ready")
            .WithSummary("Readiness")
            .WithDescription("200 when PostgreSQL answers and every migration is applied, else 503 with a problem.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        health.MapMethods("/ready", [HttpMethods.Head], ReadyAsync).ExcludeFromDescription();

        return app;
    }

    private static Ok<HealthResponse> Live() =>
        TypedResults.Ok(new HealthResponse(HealthStatus.Healthy.ToString(), new Dictionary<string, string?>()));

    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> ReadyAsync(
        HealthCheckService healthChecks,
        CancellationToken cancellationToken)
    {
        var report = await healthChecks.CheckHealthAsync(check => check.Tags.Contains(ReadyTag), cancellationToken);
        var checks = report.Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Description);
        if (report.Status == HealthStatus.Healthy)
        {
            return TypedResults.Ok(new HealthResponse(report.Status.ToString(), checks));
        }

        return TypedResults.Problem(
            detail: string.Join(" ", checks.Values),
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Service unavailable.",
            extensions: new Dictionary<string, object?> { ["checks"] = checks });
    }
}

/// <summary>Result of a health endpoint.</summary>
/// <param name="Status">Healthy when every check passed.</param>
/// <param name="Checks">Each check's name and what it found.</param>
public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, string?> Checks);

using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace ExternalConnections.Api.Infrastructure.Observability;

public static class MetricsSetup
{
    public const string ScrapePath = "/metrics";

    /// <summary>
    /// Collects OpenTelemetry metrics for Prometheus: request rate, latency and status per route
    /// (<c>http_server_request_duration_seconds</c>), Kestrel connections, .NET runtime figures
    /// such as thread-pool queue length, and Npgsql's connection pool usage.
    /// </summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("external-connections"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql")
                .AddPrometheusExporter());
        return services;
    }

    /// <summary>Serves the metrics in Prometheus text format at <see cref="ScrapePath"/>.</summary>
    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(ScrapePath);
        return app;
    }
}

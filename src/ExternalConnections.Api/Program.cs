using ExternalConnections.Api.Connections;
using ExternalConnections.Api.Connections.Idempotency;
using ExternalConnections.Api.Data;
using ExternalConnections.Api.Infrastructure;
using ExternalConnections.Api.Infrastructure.Errors;
using ExternalConnections.Api.Infrastructure.Health;
using ExternalConnections.Api.Infrastructure.Http;
using ExternalConnections.Api.Infrastructure.Json;
using ExternalConnections.Api.Infrastructure.Logging;
using ExternalConnections.Api.Infrastructure.Observability;
using ExternalConnections.Api.Infrastructure.OpenApi;
using ExternalConnections.Api.Infrastructure.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddSerilogLogging();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;

    // RequestBodyGuard enforces the exact body limit. Kestrel's limit also counts chunked
    // framing, which can be several times the body, so it only bounds that framing here.
    kestrel.Limits.MaxRequestBodySize = 8 * ConnectionLimits.RequestBodyMaxBytes;
});
builder.Services.Configure<RouteOptions>(options => options.SetParameterPolicy<UuidRouteConstraint>(UuidRouteConstraint.Name));
builder.Services.ConfigureHttpJsonOptions(options => ApiJsonOptions.Configure(options.SerializerOptions));
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddShutdownTimeout();
builder.Services.AddProblemResponses();
builder.Services.AddTrustedForwardedHeaders();
builder.Services.AddApiAuthentication();
builder.Services.AddApiCors();
builder.Services.AddPerCallerRateLimiting();
builder.Services.AddConnectionsDatabase();
builder.Services.AddExternalConnections();
builder.Services.AddHealthEndpoints();
builder.Services.AddPrometheusMetrics();
builder.Services.AddOpenApiDocument();

// Disposing the app at the end flushes the log, including a start-up failure's last line.
await using var app = builder.Build();

app.UseForwardedHeaders();
app.UseRequestLogging();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<SecurityHeaders>();
app.UseCors();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseMiddleware<RequestBodyGuard>();
app.UseOpenApiDocument();
app.MapHealthEndpoints();
app.MapPrometheusMetrics();
app.MapConnectionEndpoints();

try
{
    app.CheckAuthenticationSettings();
    app.CheckForwardedHeadersSettings();
    app.CheckRateLimitingSettings();
    app.CheckShutdownSettings();
    StartupSettings.Read<IdempotencyOptions>(app.Services, IdempotencyOptions.SectionName);
    await app.InitializeDatabaseAsync();
}
catch (StartupException exception)
{
    app.Logger.LogCritical("Start-up failed: {Reason}", exception.Message);
    return 1;
}

try
{
    await app.StartAsync();
}
catch (Exception exception) when (ListenFailure.Describe(exception) is { } reason)
{
    app.Logger.LogCritical("Start-up failed: {Reason}", reason);
    return 1;
}

await app.WaitForShutdownAsync();
return 0;

/// <summary>The entry point, public so that tests can host the service in-process.</summary>
public partial class Program;

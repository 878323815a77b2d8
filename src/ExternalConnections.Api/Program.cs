using ExternalConnections.Api.Connections;
using ExternalConnections.Api.Data;
using ExternalConnections.Api.Infrastructure.Errors;
using ExternalConnections.Api.Infrastructure.Health;
using ExternalConnections.Api.Infrastructure.Http;
using ExternalConnections.Api.Infrastructure.Json;
using ExternalConnections.Api.Infrastructure.Logging;
using ExternalConnections.Api.Infrastructure.OpenApi;

var builder = WebApplication.CreateBuilder(args);

builder.AddSerilogLogging();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = ConnectionLimits.RequestBodyMaxBytes;
});
builder.Services.ConfigureHttpJsonOptions(options => ApiJsonOptions.Configure(options.SerializerOptions));
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddProblemResponses();
builder.Services.AddConnectionsDatabase();
builder.Services.AddExternalConnections();
builder.Services.AddHealthEndpoints();
builder.Services.AddOpenApiDocument();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestLogging();
app.UseDeclaredContentTypes();
app.UseOpenApiDocument();
app.MapHealthEndpoints();
app.MapConnectionEndpoints();

try
{
    await app.InitializeDatabaseAsync();
}
catch (StartupException exception)
{
    app.Logger.LogCritical("Start-up failed: {Reason}", exception.Message);
    return 1;
}

await app.RunAsync();
return 0;

/// <summary>The entry point, public so that tests can host the service in-process.</summary>
public partial class Program;

using System.Reflection;
using ExternalConnections.Api.Connections.OpenApi;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ExternalConnections.Api.Infrastructure.OpenApi;

public static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddOpenApiDocument(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddTransient<ISerializerDataContractResolver>(provider =>
        {
            var json = provider.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            return new OptionalUnwrappingDataContractResolver(new JsonSerializerDataContractResolver(json));
        });
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "External Connections API",
                Version = DocumentName,
                Description = "Stores each workspace's links to outside providers: type, status, scopes, "
                    + "a reference to credentials held elsewhere, configuration, visibility, role and AI access. "
                    + "Errors are RFC 9457 problem documents.",
                Contact = new OpenApiContact { Name = "ExternalConnections maintainers" },
            });
            options.AddServer(new OpenApiServer { Url = "/", Description = "This service" });
            options.AddSecurityDefinition(BearerSecurityOperationFilter.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT from the configured identity provider. For local runs, print one with "
                    + "scripts/dev-token.sh --workspace <id> (or --admin) and paste it here without the word Bearer.",
            });
            options.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml"));
            options.SupportNonNullableReferenceTypes();
            options.UseAllOfToExtendReferenceSchemas();
            options.SchemaFilter<RequestSchemaFilter>();
            options.SchemaFilter<ConnectionSchemaFilter>();
            options.SchemaFilter<ProblemSchemaFilter>();
            options.OperationFilter<ResponseOperationFilter>();
            options.OperationFilter<BearerSecurityOperationFilter>();
            options.OperationFilter<ListQueryParameterFilter>();
            options.OperationFilter<IdempotencyKeyParameterFilter>();
        });
        return services;
    }

    /// <summary>
    /// Serves the document at /swagger/v1/swagger.json and Swagger UI at /swagger, and logs the
    /// Swagger UI address of each listening address once the server has started.
    /// </summary>
    public static WebApplication UseOpenApiDocument(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint($"/swagger/{DocumentName}/swagger.json", "External Connections API v1");
            options.RoutePrefix = "swagger";
        });

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                app.Logger.LogInformation("Swagger UI: {SwaggerUrl}", $"{address.TrimEnd('/')}/swagger");
            }
        });
        return app;
    }
}

using System.Reflection;
using Microsoft.OpenApi;

namespace ExternalConnections.Api.Infrastructure.OpenApi;

public static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddOpenApiDocument(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "External Connections API",
                Version = DocumentName,
                Description = "Stores each workspace's links to outside providers: type, status, scopes, "
                    + "a reference to credentials held elsewhere, configuration, visibility, role and AI access.",
            });
            options.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml"));
        });
        return services;
    }

    /// <summary>Serves the document at /swagger/v1/swagger.json and Swagger UI at /swagger.</summary>
    public static WebApplication UseOpenApiDocument(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint($"/swagger/{DocumentName}/swagger.json", "External Connections API v1");
            options.RoutePrefix = "swagger";
        });
        return app;
    }
}

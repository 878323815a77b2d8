using Microsoft.AspNetCore.Cors.Infrastructure;

namespace ExternalConnections.Api.Infrastructure.Security;

public static class CorsSetup
{
    /// <summary>
    /// Lets browser apps on the origins in <c>Cors:AllowedOrigins</c> call the API: the methods
    /// and request headers the routes use, and the response headers they need to read (ETag and
    /// Location for concurrency and new records, Retry-After after a 429 or 503). Without
    /// configured origins no cross-origin request is allowed.
    /// </summary>
    public static IServiceCollection AddApiCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
            options.AddDefaultPolicy(policy => policy
                .WithOrigins(origins)
                .WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Patch, HttpMethods.Delete)
                .WithHeaders("Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key")
                .WithExposedHeaders("ETag", "Location", "Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10)));
        });
        return services;
    }
}

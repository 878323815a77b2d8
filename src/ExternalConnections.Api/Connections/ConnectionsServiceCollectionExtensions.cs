using ExternalConnections.Api.Connections.Idempotency;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExternalConnections.Api.Connections;

public static class ConnectionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the connection service, the validators of its requests, and the idempotency-key
    /// store with its cleanup.
    /// </summary>
    public static IServiceCollection AddExternalConnections(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<ConnectionService>();
        services.AddScoped<IdempotencyKeys>();
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.SectionName).ValidateDataAnnotations();
        services.AddHostedService<ExpiredKeyCleanup>();

        // Validators hold no state, so one instance of each serves every request.
        services.AddValidatorsFromAssemblyContaining<ConnectionService>(ServiceLifetime.Singleton);
        return services;
    }
}

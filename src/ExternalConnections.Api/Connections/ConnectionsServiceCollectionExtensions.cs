using FluentValidation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExternalConnections.Api.Connections;

public static class ConnectionsServiceCollectionExtensions
{
    /// <summary>Registers the connection service and the validators of its requests.</summary>
    public static IServiceCollection AddExternalConnections(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<ConnectionService>();

        // Validators hold no state, so one instance of each serves every request.
        services.AddValidatorsFromAssemblyContaining<ConnectionService>(ServiceLifetime.Singleton);
        return services;
    }
}

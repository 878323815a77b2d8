using Microsoft.EntityFrameworkCore;

namespace ExternalConnections.Api.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers a pooled <see cref="ConnectionsDbContext"/> on PostgreSQL. The connection string
    /// is read when the first context is created, after all configuration sources have loaded.
    /// </summary>
    public static IServiceCollection AddConnectionsDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        services.AddDbContextPool<ConnectionsDbContext>((provider, options) =>
        {
            var connectionString = provider.GetRequiredService<IConfiguration>()
                .GetConnectionString(DatabaseOptions.ConnectionStringName);
            options
                .UseNpgsql(connectionString)
                .UseSnakeCaseNamingConvention();
        });
        return services;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExternalConnections.Api.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>Names the connection pool in metrics, which would otherwise show the connection string.</summary>
    public const string DataSourceName = "external-connections";

    /// <summary>
    /// Registers a pooled <see cref="ConnectionsDbContext"/> on PostgreSQL. The connection string
    /// is read when the first context is created, after all configuration sources have loaded.
    /// </summary>
    public static IServiceCollection AddConnectionsDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations();
        services.AddDbContextPool<ConnectionsDbContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connectionString = provider.GetRequiredService<IConfiguration>()
                .GetConnectionString(DatabaseOptions.ConnectionStringName)!;
            options
                .UseNpgsql(
                    database.Apply(connectionString),
                    npgsql => npgsql.ConfigureDataSource(dataSource => dataSource.Name = DataSourceName))
                .UseSnakeCaseNamingConvention();
        });
        return services;
    }
}

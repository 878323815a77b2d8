namespace ExternalConnections.Api.Data;

/// <summary>Settings of the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Name of the connection string under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "Postgres";

    /// <summary>Apply pending EF Core migrations before the service starts listening.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>How long start-up waits for PostgreSQL to accept connections before it gives up.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

using Npgsql;

namespace ExternalConnections.Api.Data;

/// <summary>Settings of the <c>Database</c> configuration section.</summary>
/// <remarks>
/// The timeouts and pool size here replace the same keys of the connection string, so that one
/// place decides how long a request can wait for the database.
/// </remarks>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Name of the connection string under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "Postgres";

    /// <summary>Apply pending EF Core migrations before the service starts listening.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>How long start-up waits for PostgreSQL to accept connections before it gives up.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a request waits to open a connection, including the wait for a free one when all
    /// <see cref="MaxPoolSize"/> connections are busy. Whole seconds.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long one SQL command may run before it is cancelled. Whole seconds.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Connections each instance of the service may hold open.</summary>
    public int MaxPoolSize { get; set; } = 50;

    /// <summary>The <c>Retry-After</c> that a 503 answer sends while the database is unavailable.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Returns the connection string with this section's timeouts and pool size.</summary>
    public string Apply(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            Timeout = WholeSeconds(ConnectTimeout),
            CommandTimeout = WholeSeconds(CommandTimeout),
            MaxPoolSize = MaxPoolSize,
        }.ConnectionString;

    private static int WholeSeconds(TimeSpan value) => Math.Max(1, (int)Math.Ceiling(value.TotalSeconds));
}

using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace ExternalConnections.Api.Data;

/// <summary>Settings of the <c>Database</c> configuration section.</summary>
/// <remarks>
/// The timeouts, pool size and statement settings here replace the same keys of the connection
/// string, so that one place decides how the service uses its connections. The ranges keep each
/// value within what Npgsql and .NET timers accept; ConnectTimeout's 17 min 4 s is Npgsql's
/// maximum of 1,024 seconds.
/// </remarks>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Name of the connection string under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "Postgres";

    /// <summary>Apply pending EF Core migrations before the service starts listening.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>How long start-up waits for PostgreSQL to accept connections before it gives up.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long start-up's migration commands may run, including the wait for another instance
    /// that is migrating the same database. Whole seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MigrationTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a request waits to open a connection, including the wait for a free one when all
    /// <see cref="MaxPoolSize"/> connections are busy. Whole seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:17:04")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long one SQL command may run before it is cancelled. Whole seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Connections each instance of the service may hold open.</summary>
    [Range(1, 1024)]
    public int MaxPoolSize { get; set; } = 50;

    /// <summary>The <c>Retry-After</c> that a 503 answer sends while the database is unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many of the most used statements each connection keeps prepared, so PostgreSQL parses
    /// and plans them once per connection rather than once per request; 0 turns this off.
    /// </summary>
    [Range(0, 256)]
    public int MaxAutoPrepare { get; set; } = 32;

    /// <summary>
    /// Return connections to the pool without <c>DISCARD ALL</c>. Safe because the service keeps no
    /// session state on a connection (its one advisory lock is released explicitly), and needed
    /// for <see cref="MaxAutoPrepare"/>, whose prepared statements a reset would drop.
    /// </summary>
    public bool NoResetOnClose { get; set; } = true;

    /// <summary>Returns the connection string with this section's connection settings.</summary>
    public string Apply(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            Timeout = WholeSeconds(ConnectTimeout),
            CommandTimeout = WholeSeconds(CommandTimeout),
            MaxPoolSize = MaxPoolSize,
            MaxAutoPrepare = MaxAutoPrepare,
            NoResetOnClose = NoResetOnClose,
        }.ConnectionString;

    public static int WholeSeconds(TimeSpan value) => Math.Max(1, (int)Math.Ceiling(value.TotalSeconds));
}

using DotNet.Testcontainers.Builders;
using Npgsql;
using Testcontainers.PostgreSql;

namespace ExternalConnections.Api.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server of a test run, found once per process in this order: the connection
/// string in <see cref="ConnectionStringVariable"/>; a Testcontainers container when a Docker
/// engine answers; else the project-local cluster of <c>scripts/local-postgres.sh</c>.
/// </summary>
internal static class PostgresServer
{
    public const string ConnectionStringVariable = "EXTERNALCONNECTIONS_TEST_POSTGRES";

    private const string ContainerImage = "postgres:15-alpine";

    private static readonly Lazy<Task<string>> AdminConnectionString = new(FindServerAsync);

    /// <summary>Connection string of a role that may create databases, to the server's default database.</summary>
    public static Task<string> GetAdminConnectionStringAsync() => AdminConnectionString.Value;

    /// <summary>Creates an empty database for one test fixture and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await AdminConnectionString.Value;
        var name = $"ec_test_{Guid.NewGuid():N}";

        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;

        await using var connection = new NpgsqlConnection(await AdminConnectionString.Value);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> FindServerAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        return await TryStartContainerAsync() ?? await StartLocalClusterAsync();
    }

    private static async Task<string?> TryStartContainerAsync()
    {
        PostgreSqlContainer container;
        try
        {
            container = new PostgreSqlBuilder(ContainerImage).Build();
        }
        catch (DockerUnavailableException)
        {
            return null;
        }

        // Testcontainers' resource reaper removes the container when the test process ends.
        await container.StartAsync();
        return container.GetConnectionString();
    }

    private static async Task<string> StartLocalClusterAsync()
    {
        await LocalPostgresScript.RunAsync("start");
        return (await LocalPostgresScript.RunAsync("connection-string")).Trim();
    }
}

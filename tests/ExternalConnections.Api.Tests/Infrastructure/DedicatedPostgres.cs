using DotNet.Testcontainers.Builders;
using Testcontainers.PostgreSql;

namespace ExternalConnections.Api.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server that one test class owns and may stop and start, to test outages. It is
/// a cluster of <c>scripts/local-postgres.sh</c> on its own port and folder when the machine has
/// PostgreSQL's binaries (or the script may install them), else a container on a fixed port.
/// </summary>
public sealed class DedicatedPostgres : IAsyncDisposable
{
    private readonly Func<Task> stop;
    private readonly Func<Task> start;
    private readonly Func<Task> dispose;

    private DedicatedPostgres(string connectionString, Func<Task> stop, Func<Task> start, Func<Task> dispose)
    {
        ConnectionString = connectionString;
        this.stop = stop;
        this.start = start;
        this.dispose = dispose;
    }

    /// <summary>Connection string to the server's application database.</summary>
    public string ConnectionString { get; }

    public static async Task<DedicatedPostgres> StartAsync()
    {
        var port = FreePort.Find();
        if (!HasLocalBinaries() && await TryStartContainerAsync(port) is { } container)
        {
            return container;
        }

        return await StartLocalClusterAsync(port);
    }

    public Task StopAsync() => stop();

    public Task StartAgainAsync() => start();

    public async ValueTask DisposeAsync() => await dispose();

    private static bool HasLocalBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
        && Directory.EnumerateFiles("/usr/lib/postgresql", "initdb", SearchOption.AllDirectories).Any();

    private static async Task<DedicatedPostgres?> TryStartContainerAsync(int port)
    {
        PostgreSqlContainer container;
        try
        {
            container = new PostgreSqlBuilder("postgres:15-alpine").WithPortBinding(port, 5432).Build();
        }
        catch (DockerUnavailableException)
        {
            return null;
        }

        await container.StartAsync();
        return new DedicatedPostgres(
            container.GetConnectionString(),
            () => container.StopAsync(),
            () => container.StartAsync(),
            () => container.DisposeAsync().AsTask());
    }

    private static async Task<DedicatedPostgres> StartLocalClusterAsync(int port)
    {
        var dataFolder = Path.Combine(RepositoryPaths.Root, ".local", $"fault-postgres-{port}");
        var environment = new Dictionary<string, string>
        {
            ["EXTERNALCONNECTIONS_PG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["EXTERNALCONNECTIONS_PG_DATA"] = dataFolder,
        };

        await LocalPostgresScript.RunAsync("start", environment);
        var connectionString = (await LocalPostgresScript.RunAsync("connection-string", environment)).Trim();
        return new DedicatedPostgres(
            connectionString,
            () => LocalPostgresScript.RunAsync("stop", environment),
            () => LocalPostgresScript.RunAsync("start", environment),
            async () =>
            {
                await LocalPostgresScript.RunAsync("stop", environment);
                Directory.Delete(dataFolder, recursive: true);
            });
    }
}

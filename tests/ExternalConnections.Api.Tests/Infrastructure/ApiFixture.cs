namespace ExternalConnections.Api.Tests.Infrastructure;

/// <summary>
/// One running service and one fresh database, migrated by the service at start-up, shared by
/// the tests of <see cref="ApiCollection"/>. Tests create their own records and never count rows
/// that another test could add.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private string connectionString = string.Empty;

    public ApiFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string ConnectionString => connectionString;

    public async Task InitializeAsync()
    {
        connectionString = await PostgresServer.CreateDatabaseAsync();
        Factory = new ApiFactory(connectionString);
        Factory.StartServer();
        Client = Factory.CreateAdminClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(connectionString);
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "API";
}

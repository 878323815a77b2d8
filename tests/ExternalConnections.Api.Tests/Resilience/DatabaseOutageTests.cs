using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ExternalConnections.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ExternalConnections.Api.Tests.Resilience;

/// <summary>The service on a PostgreSQL server that these tests stop and start again.</summary>
public sealed class OutageFixture : IAsyncLifetime
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    public DedicatedPostgres Postgres { get; private set; } = null!;

    public ApiFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await DedicatedPostgres.StartAsync();
        Factory = new ApiFactory(Postgres.ConnectionString, new Dictionary<string, string>
        {
            ["Database:ConnectTimeout"] = ConnectTimeout.ToString(),
            ["Database:CommandTimeout"] = "00:00:03",
            ["Database:RetryAfter"] = "00:00:07",
        });
        Factory.StartServer();
        Client = Factory.CreateAdminClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

/// <summary>PostgreSQL stops while the service runs: fast 503s, no partial writes, recovery without a restart.</summary>
public sealed class DatabaseOutageTests(OutageFixture fixture, ITestOutputHelper output) : IClassFixture<OutageFixture>
{
    private static readonly TimeSpan FailureDeadline = OutageFixture.ConnectTimeout + TimeSpan.FromSeconds(2);

    private readonly HttpClient client = fixture.Client;

    [Fact]
    public async Task EveryRoute_WhileDatabaseIsDown_Returns503WithRetryAfterInTime()
    {
        var (created, _) = await client.CreateConnectionAsync();
        await fixture.Postgres.StopAsync();
        try
        {
            Func<Task<HttpResponseMessage>>[] requests =
            [
                () => client.GetConnectionAsync(created.Id()),
                () => client.ListConnectionsAsync("limit=5"),
                () => client.PostConnectionAsync(ConnectionsApi.NewBody()),
                () => client.PatchConnectionAsync(created.Id(), """{"label":"x"}"""),
                () => client.DeleteConnectionAsync(created.Id()),
            ];
            foreach (var send in requests)
            {
                var stopwatch = Stopwatch.StartNew();
                using var response = await send();

                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
                Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
                Assert.True(stopwatch.Elapsed < FailureDeadline, $"{response.RequestMessage?.Method} took {stopwatch.Elapsed}");
            }

            using var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        finally
        {
            await fixture.Postgres.StartAgainAsync();
        }
    }

    [Fact]
    public async Task Service_AfterDatabaseRestart_ServesAgainWithoutRestart()
    {
        await fixture.Postgres.StopAsync();
        using (var duringOutage = await client.ListConnectionsAsync("limit=1"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage.StatusCode);
        }

        await fixture.Postgres.StartAgainAsync();

        using var created = await client.PostConnectionAsync(ConnectionsApi.NewBody());
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    /// <summary>
    /// Writers keep creating and patching while PostgreSQL stops and starts. Every record that
    /// exists afterwards is whole: created with all its fields, and patched with all or none of
    /// the patch's fields. Every 201 left a record behind.
    /// </summary>
    [Fact]
    public async Task Writes_DuringOutage_AreWholeOrAbsent()
    {
        var workspaceId = ConnectionsApi.NewWorkspaceId();
        using var stopWriters = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(writer => WriteUntilCancelledAsync(workspaceId, writer, stopWriters.Token)).ToArray();

        await Task.Delay(500);
        await fixture.Postgres.StopAsync();
        await Task.Delay(1500);
        await fixture.Postgres.StartAgainAsync();
        await Task.Delay(1000);
        await stopWriters.CancelAsync();
        var results = (await Task.WhenAll(writers)).SelectMany(result => result).ToList();

        var stored = await ListWorkspaceAsync(workspaceId);
        var createdIds = results.Where(result => result.CreateStatus == HttpStatusCode.Created).Select(result => result.Id!).ToHashSet();
        output.WriteLine(
            $"{results.Count} creates: {createdIds.Count} got 201, {results.Count(result => result.CreateStatus == HttpStatusCode.ServiceUnavailable)} got 503, "
            + $"{results.Count(result => result.PatchStatus == HttpStatusCode.OK)} patches got 200; {stored.Count} records stored.");

        Assert.All(results, result => Assert.Contains(result.CreateStatus, new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));
        Assert.Contains(results, result => result.CreateStatus == HttpStatusCode.ServiceUnavailable);
        Assert.Subset(stored.Select(record => record.Id()).ToHashSet(), createdIds);
        Assert.All(stored, record => Assert.Equal("bot_token", record.GetProperty("connectionType").GetString()));
        Assert.All(stored, record => Assert.Equal(3, record.GetProperty("scopesJson").GetArrayLength()));
        Assert.All(stored, AssertPatchAppliedWhollyOrNotAtAll);
    }

    private static void AssertPatchAppliedWhollyOrNotAtAll(System.Text.Json.JsonElement record)
    {
        var patched = record.GetProperty("connectionStatus").GetString() == "error";
        Assert.Equal(patched, record.GetProperty("label").GetString() == "patched");
        Assert.Equal(patched, record.GetProperty("aiAccessEnabled").GetBoolean());
        Assert.Equal(patched, record.GetProperty("owningUserId").GetString() == "patcher");
    }

    private async Task<List<WriteResult>> WriteUntilCancelledAsync(string workspaceId, int writer, CancellationToken stop)
    {
        var results = new List<WriteResult>();
        for (var attempt = 0; !stop.IsCancellationRequested; attempt++)
        {
            var body = ConnectionsApi.NewBody(workspaceId);
            body["label"] = $"writer {writer} attempt {attempt}";
            body["scopesJson"] = new JsonArray("a", "b", "c");
            using var created = await client.PostConnectionAsync(body);
            if (created.StatusCode != HttpStatusCode.Created)
            {
                results.Add(new WriteResult(created.StatusCode, null, null));
                await Task.Delay(50, CancellationToken.None);
                continue;
            }

            var id = (await created.ReadJsonAsync()).Id();
            using var patched = await client.PatchConnectionAsync(
                id, """{"connectionStatus":"error","label":"patched","aiAccessEnabled":true,"owningUserId":"patcher"}""");
            results.Add(new WriteResult(created.StatusCode, id, patched.StatusCode));
        }

        return results;
    }

    private async Task<List<System.Text.Json.JsonElement>> ListWorkspaceAsync(string workspaceId)
    {
        var pages = await client.ListAllPagesAsync($"workspaceId={workspaceId}&limit=200");
        return pages.SelectMany(page => page.Items).ToList();
    }

    private sealed record WriteResult(HttpStatusCode CreateStatus, string? Id, HttpStatusCode? PatchStatus);
}

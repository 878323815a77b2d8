using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExternalConnections.Api.Tests.Infrastructure;

namespace ExternalConnections.Api.Tests.Security;

/// <summary>
/// Who sees and changes which record: members of the record's workspace read and write it,
/// members of the owning workspace read a shared record, everyone reads a global one, and an
/// administrator does everything. A record the caller may not read is a 404.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WorkspaceScopeTests(ApiFixture fixture)
{
    private readonly HttpClient admin = fixture.Client;

    [Fact]
    public async Task Member_ReadsAndChangesRecordsOfTheirWorkspace()
    {
        var workspace = ConnectionsApi.NewWorkspaceId();
        using var member = fixture.Factory.CreateClientWithToken(TestTokens.Member(workspace));

        var (created, _) = await member.CreateConnectionAsync(ConnectionsApi.NewBody(workspace));
        using var read = await member.GetConnectionAsync(created.Id());
        using var patched = await member.PatchConnectionAsync(created.Id(), """{"label":"mine"}""");
        using var deleted = await member.DeleteConnectionAsync(created.Id());

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Outsider_GetsNotFoundForAWorkspaceLocalRecordAndChangesNothing()
    {
        var (created, etag) = await CreateAsync(ConnectionsApi.NewWorkspaceId(), "workspace_local");
        using var outsider = fixture.Factory.CreateClientWithToken(TestTokens.Member(ConnectionsApi.NewWorkspaceId()));

        using var read = await outsider.GetConnectionAsync(created.Id());
        using var patched = await outsider.PatchConnectionAsync(created.Id(), """{"label":"taken"}""");
        using var deleted = await outsider.DeleteConnectionAsync(created.Id());
        using var stored = await admin.GetConnectionAsync(created.Id());

        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(patched, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(deleted, HttpStatusCode.NotFound);
        Assert.Equal(etag, stored.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Outsider_CreatingInAnotherWorkspace_Gets403()
    {
        using var outsider = fixture.Factory.CreateClientWithToken(TestTokens.Member(ConnectionsApi.NewWorkspaceId()));

        using var response = await outsider.PostConnectionAsync(ConnectionsApi.NewBody());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GlobalRecord_IsReadableByAnyoneButChangeableOnlyByMembers()
    {
        var (created, etag) = await CreateAsync(ConnectionsApi.NewWorkspaceId(), "global");
        using var outsider = fixture.Factory.CreateClientWithToken(TestTokens.Member(ConnectionsApi.NewWorkspaceId()));

        using var read = await outsider.GetConnectionAsync(created.Id());
        using var patched = await outsider.PatchConnectionAsync(created.Id(), """{"label":"taken"}""");
        using var deleted = await outsider.DeleteConnectionAsync(created.Id());
        using var stored = await admin.GetConnectionAsync(created.Id());

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await ProblemAssert.IsProblemAsync(patched, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(deleted, HttpStatusCode.Forbidden);
        Assert.Equal(etag, stored.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task SharedRecord_IsReadableByTheOwningWorkspaceOnly()
    {
        var owner = ConnectionsApi.NewWorkspaceId();
        var (created, _) = await CreateAsync(ConnectionsApi.NewWorkspaceId(), "shared", owningWorkspaceId: owner);
        using var ownerMember = fixture.Factory.CreateClientWithToken(TestTokens.Member(owner));
        using var outsider = fixture.Factory.CreateClientWithToken(TestTokens.Member(ConnectionsApi.NewWorkspaceId()));

        using var readByOwner = await ownerMember.GetConnectionAsync(created.Id());
        using var patchedByOwner = await ownerMember.PatchConnectionAsync(created.Id(), """{"label":"x"}""");
        using var readByOutsider = await outsider.GetConnectionAsync(created.Id());

        Assert.Equal(HttpStatusCode.OK, readByOwner.StatusCode);
        await ProblemAssert.IsProblemAsync(patchedByOwner, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(readByOutsider, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WorkspaceLocalRecord_IsNotReadableByItsOwningWorkspace()
    {
        var owner = ConnectionsApi.NewWorkspaceId();
        var (created, _) = await CreateAsync(ConnectionsApi.NewWorkspaceId(), "workspace_local", owningWorkspaceId: owner);
        using var ownerMember = fixture.Factory.CreateClientWithToken(TestTokens.Member(owner));

        using var response = await ownerMember.GetConnectionAsync(created.Id());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_FilteredToAnotherWorkspace_ShowsOnlyWhatTheCallerMayRead()
    {
        var other = ConnectionsApi.NewWorkspaceId();
        var caller = ConnectionsApi.NewWorkspaceId();
        var (local, _) = await CreateAsync(other, "workspace_local");
        var (global, _) = await CreateAsync(other, "global");
        var (sharedWithCaller, _) = await CreateAsync(other, "shared", owningWorkspaceId: caller);
        var (sharedWithSomeoneElse, _) = await CreateAsync(other, "shared", owningWorkspaceId: ConnectionsApi.NewWorkspaceId());
        using var member = fixture.Factory.CreateClientWithToken(TestTokens.Member(caller));

        using var response = await member.ListConnectionsAsync($"workspaceId={other}");
        var ids = (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(item => item.Id()).ToHashSet();

        Assert.Contains(global.Id(), ids);
        Assert.Contains(sharedWithCaller.Id(), ids);
        Assert.DoesNotContain(local.Id(), ids);
        Assert.DoesNotContain(sharedWithSomeoneElse.Id(), ids);
    }

    [Fact]
    public async Task Admin_ByRoleOrScope_ReadsAndChangesEveryRecord()
    {
        var (created, _) = await CreateAsync(ConnectionsApi.NewWorkspaceId(), "workspace_local");
        using var byScope = fixture.Factory.CreateClientWithToken(TestTokens.Create("scoped-admin", scope: "openid external-connections.admin"));

        using var read = await byScope.GetConnectionAsync(created.Id());
        using var patched = await byScope.PatchConnectionAsync(created.Id(), """{"label":"by admin"}""");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
    }

    [Fact]
    public async Task IdempotencyKey_OfAnotherCaller_CreatesASeparateRecord()
    {
        var workspace = ConnectionsApi.NewWorkspaceId();
        using var first = fixture.Factory.CreateClientWithToken(TestTokens.Member(workspace));
        using var second = fixture.Factory.CreateClientWithToken(TestTokens.Member(workspace));
        var key = Guid.NewGuid().ToString();

        using var firstResponse = await first.PostConnectionAsync(ConnectionsApi.NewBody(workspace), key);
        using var secondResponse = await second.PostConnectionAsync(ConnectionsApi.NewBody(workspace), key);

        Assert.Equal(HttpStatusCode.Created, secondResponse.StatusCode);
        Assert.NotEqual((await firstResponse.ReadJsonAsync()).Id(), (await secondResponse.ReadJsonAsync()).Id());
    }

    private async Task<(JsonElement Body, string ETag)> CreateAsync(string workspaceId, string visibility, string? owningWorkspaceId = null)
    {
        var body = ConnectionsApi.NewBody(workspaceId);
        body["visibilityMode"] = visibility;
        if (owningWorkspaceId is not null)
        {
            body["owningWorkspaceId"] = JsonValue.Create(owningWorkspaceId);
        }

        return await admin.CreateConnectionAsync(body);
    }
}

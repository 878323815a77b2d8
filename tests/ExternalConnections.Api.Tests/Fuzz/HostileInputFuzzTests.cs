// Property-based tests that send generated hostile input to the service over HTTP.
//
// Each property runs a bounded number of cases by default, so CI stays fast. For a long run,
// set EXTERNALCONNECTIONS_FUZZ_ITERATIONS to the number of cases per property, for example:
//   EXTERNALCONNECTIONS_FUZZ_ITERATIONS=100000 dotnet test --filter "FullyQualifiedName~Fuzz"
// A failure prints the smallest failing case found as curl commands, and CsCheck prints a seed:
// CsCheck_Seed=<seed> replays exactly that case.
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using CsCheck;
using ExternalConnections.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ExternalConnections.Api.Tests.Fuzz;

[Collection(ApiCollection.Name)]
public sealed class HostileInputFuzzTests(ApiFixture fixture, ITestOutputHelper output)
{
    private const string IterationsVariable = "EXTERNALCONNECTIONS_FUZZ_ITERATIONS";

    private readonly HttpClient client = fixture.Client;

    private readonly ConcurrentDictionary<string, int> outcomes = new(StringComparer.Ordinal);

    [Fact]
    public async Task Create_HostileBodies_MatchesModel()
    {
        var cases =
            from body in HostileBodies.Create
            from contentType in Gen.OneOf("application/json", "application/json; charset=utf-8", "Application/JSON")
            select (body, request: FuzzRequest.Json(HttpMethod.Post, ConnectionsApi.BasePath, body.Json, contentType));

        await RunAsync(
            cases,
            async item =>
            {
                var (body, request) = item;
                var response = await FuzzResponse.SendAsync(client, request);
                await CheckWriteAsync(body, response, HttpStatusCode.Created, baseline: null);
            },
            item => FuzzReplay.Script(item.request),
            defaultIterations: 1_500);
    }

    [Fact]
    public async Task Create_HostileConfiguration_MatchesModel()
    {
        var configurations =
            from tree in HostileConfiguration.Any
            from seed in Gen.Int
            from escapeRate in Gen.OneOf(0.0, 0.1, 1.0)
            select HostileConfiguration.Judge(tree, new Random(seed), escapeRate);
        var cases =
            from body in HostileBodies.CreateWith(FieldSpec.ConfigurationJson, configurations)
            select (body, request: FuzzRequest.Json(HttpMethod.Post, ConnectionsApi.BasePath, body.Json));

        await RunAsync(
            cases,
            async item =>
            {
                var response = await FuzzResponse.SendAsync(client, item.request);
                await CheckWriteAsync(item.body, response, HttpStatusCode.Created, baseline: null);
            },
            item => FuzzReplay.Script(item.request),
            defaultIterations: 1_000);
    }

    [Fact]
    public async Task Patch_HostileBodies_MatchesModel()
    {
        var cases =
            from create in HostileBodies.ValidCreate
            from patch in HostileBodies.Patch(create.Expected!)
            from contentType in Gen.OneOf(ConnectionsApi.MergePatch, "application/json", "application/merge-patch+json; charset=utf-8")
            select (create, patch,
                createRequest: FuzzRequest.Json(HttpMethod.Post, ConnectionsApi.BasePath, create.Json),
                patchRequest: FuzzRequest.Json(HttpMethod.Patch, ConnectionsApi.BasePath + "/{id}", patch.Json, contentType));

        await RunAsync(
            cases,
            async item =>
            {
                var created = await FuzzResponse.SendAsync(client, item.createRequest);
                FuzzAssert.True(created.Status == HttpStatusCode.Created, $"The record to patch was not created: {created}");
                var baseline = FuzzAssert.Record(created, item.create.Expected!);
                var id = baseline.Id();

                var response = await FuzzResponse.SendAsync(client, item.patchRequest, id);
                await CheckWriteAsync(item.patch, response, HttpStatusCode.OK, baseline);
                if (!item.patch.IsValid)
                {
                    // A rejected patch changes nothing.
                    var after = await FuzzResponse.SendAsync(client, new FuzzRequest(HttpMethod.Get, ConnectionsApi.BasePath + "/{id}"), id);
                    FuzzAssert.True(after.Text == created.Text, $"A rejected patch changed the record.\nbefore: {created.Text}\nafter:  {after.Text}");
                }
            },
            item => FuzzReplay.CreateThenScript(item.createRequest, item.patchRequest),
            defaultIterations: 600);
    }

    [Fact]
    public async Task Write_ArbitraryBytes_ReturnsProblemOrRoundTrips()
    {
        var (target, _) = await client.CreateConnectionAsync();
        var cases =
            from body in HostileBytes.Body
            from contentType in HostileBytes.ContentType
            from patch in Gen.Bool
            select patch
                ? new FuzzRequest(HttpMethod.Patch, ConnectionsApi.BasePath + "/{id}", body, contentType)
                : new FuzzRequest(HttpMethod.Post, ConnectionsApi.BasePath, body, contentType);

        await RunAsync(
            cases,
            async request =>
            {
                var response = await FuzzResponse.SendAsync(client, request, target.Id());
                FuzzAssert.NoServerError(response);
                Count($"{request.Method} {response.Code}");
                if (response.Code >= 400)
                {
                    FuzzAssert.Problem(response);
                    return;
                }

                FuzzAssert.True(response.Status is HttpStatusCode.Created or HttpStatusCode.OK, $"Unexpected status {response}");
                await FuzzAssert.ReadsBackAsync(client, response);
            },
            request => request.Method == HttpMethod.Patch
                ? FuzzReplay.CreateThenScript(FuzzRequest.Json(HttpMethod.Post, ConnectionsApi.BasePath, ConnectionsApi.NewBody("ws-replay").ToJsonString()), request)
                : FuzzReplay.Script(request),
            defaultIterations: 1_500);
    }

    [Fact]
    public async Task List_HostileQueries_MatchesModel()
    {
        var world = await CreateListWorldAsync();
        var cases = HostileQueries.Query(world);

        await RunAsync(
            cases,
            async parameters =>
            {
                var query = HostileQueries.Render(parameters);
                var response = await FuzzResponse.SendAsync(client, new FuzzRequest(HttpMethod.Get, $"{ConnectionsApi.BasePath}?{query}"));
                FuzzAssert.NoServerError(response);
                Count($"{response.Code}");
                CheckList(world, parameters, response);
            },
            parameters => FuzzReplay.Script(new FuzzRequest(HttpMethod.Get, $"{ConnectionsApi.BasePath}?{HostileQueries.Render(parameters)}")),
            defaultIterations: 1_500);
    }

    [Fact]
    public async Task ConditionalHeaders_MatchModel()
    {
        var cases =
            from header in HostileConditions.Any
            from operation in Gen.OneOf(HttpMethod.Get, HttpMethod.Patch, HttpMethod.Delete)
            from stale in Gen.Bool
            from missing in Gen.Frequency((9, Gen.Const(false)), (1, Gen.Const(true)))
            select (header, operation, stale, missing);

        await RunAsync(
            cases,
            async item =>
            {
                var (header, operation, stale, missing) = item;
                var (created, _) = await client.CreateConnectionAsync();
                var current = "\"1\"";
                if (stale)
                {
                    using var patched = await client.PatchConnectionAsync(created.Id(), "{\"label\":\"v2\"}");
                    FuzzAssert.True(patched.StatusCode == HttpStatusCode.OK, $"Setting up version 2 failed with {(int)patched.StatusCode}");
                    current = "\"2\"";
                }

                var id = missing ? Guid.NewGuid().ToString() : created.Id();
                var request = ConditionalRequest(header, operation);
                var before = await FuzzResponse.SendAsync(client, new FuzzRequest(HttpMethod.Get, ConnectionsApi.BasePath + "/{id}"), created.Id());
                var response = await FuzzResponse.SendAsync(client, request, id);
                FuzzAssert.NoServerError(response);
                Count($"{operation} {response.Code}");
                await CheckConditionalAsync(header, operation, missing, current, created.Id(), before, response);
            },
            item => FuzzReplay.CreateThenScript(
                FuzzRequest.Json(HttpMethod.Post, ConnectionsApi.BasePath, ConnectionsApi.NewBody("ws-replay").ToJsonString()),
                [.. item.stale ? [FuzzRequest.Json(HttpMethod.Patch, ConnectionsApi.BasePath + "/{id}", "{\"label\":\"v2\"}", ConnectionsApi.MergePatch)] : Array.Empty<FuzzRequest>(),
                 ConditionalRequest(item.header, item.operation)]),
            defaultIterations: 600);
    }

    private static FuzzRequest ConditionalRequest(ConditionHeader header, HttpMethod operation)
    {
        var name = operation == HttpMethod.Get ? "If-None-Match" : "If-Match";
        var request = operation == HttpMethod.Patch
            ? FuzzRequest.Json(operation, ConnectionsApi.BasePath + "/{id}", "{\"label\":\"conditional\"}", ConnectionsApi.MergePatch)
            : new FuzzRequest(operation, ConnectionsApi.BasePath + "/{id}");
        return request with { Headers = [(name, header.Value)] };
    }

    /// <summary>
    /// Checks a conditional GET, PATCH or DELETE: 400 naming the header when it is malformed,
    /// 404 for an unknown id, else 304 or 200 for GET and the write or 412 for PATCH and DELETE.
    /// </summary>
    private async Task CheckConditionalAsync(
        ConditionHeader header, HttpMethod operation, bool missing, string current, string id, FuzzResponse before, FuzzResponse response)
    {
        var headerName = operation == HttpMethod.Get ? "If-None-Match" : "If-Match";
        if (!header.MeaningKnown)
        {
            // Either reading is defensible; the outcome only has to be well-formed.
            Count($"{headerName} meaning unclear");
            if (response.Code >= 400)
            {
                FuzzAssert.Problem(response);
            }

            return;
        }

        if (header.Valid is false || (header.Valid is null && response.Status == HttpStatusCode.BadRequest))
        {
            FuzzAssert.Rejected(response, [ErrorKey.Exact(headerName)]);
            return;
        }

        if (missing)
        {
            FuzzAssert.True(response.Status == HttpStatusCode.NotFound, $"Expected 404 for an unknown id, got {response}");
            FuzzAssert.Problem(response);
            return;
        }

        var after = await FuzzResponse.SendAsync(client, new FuzzRequest(HttpMethod.Get, ConnectionsApi.BasePath + "/{id}"), id);
        if (operation == HttpMethod.Get)
        {
            var notModified = header.MatchesWeakly(current);
            FuzzAssert.True(response.Status == (notModified ? HttpStatusCode.NotModified : HttpStatusCode.OK),
                $"If-None-Match {header.Value} against {current}: expected {(notModified ? 304 : 200)}, got {response}");
            FuzzAssert.True(response.Message.Headers.ETag?.ToString() == current, $"ETag {response.Message.Headers.ETag}, expected {current}");
            FuzzAssert.True(notModified ? response.Text.Length == 0 : response.Text == before.Text, $"Unexpected body: {response}");
            return;
        }

        var matches = header.MatchesStrongly(current);
        if (!matches)
        {
            FuzzAssert.True(response.Status == HttpStatusCode.PreconditionFailed, $"If-Match {header.Value} against {current}: expected 412, got {response}");
            FuzzAssert.Problem(response);
            FuzzAssert.True(after.Text == before.Text, $"A failed precondition changed the record: {after}");
            return;
        }

        if (operation == HttpMethod.Delete)
        {
            FuzzAssert.True(response.Status == HttpStatusCode.NoContent, $"If-Match {header.Value} against {current}: expected 204, got {response}");
            FuzzAssert.True(after.Status == HttpStatusCode.NotFound, $"The record is still there after DELETE: {after}");
            return;
        }

        FuzzAssert.True(response.Status == HttpStatusCode.OK, $"If-Match {header.Value} against {current}: expected 200, got {response}");
        FuzzAssert.True(response.Json().GetProperty("label").GetString() == "conditional", $"The patch did not apply: {response}");
        FuzzAssert.True(after.Text == response.Text, $"GET differs from the PATCH response: {after}");
    }

    /// <summary>Creates the records of one workspace (and a few in another) that list queries can count exactly.</summary>
    private async Task<ListWorld> CreateListWorldAsync()
    {
        var workspace = ConnectionsApi.NewWorkspaceId();
        var otherWorkspace = ConnectionsApi.NewWorkspaceId();
        var records = new List<ListedRecord>();
        var random = new Random(20261204);
        for (var index = 0; index < 16; index++)
        {
            var body = ConnectionsApi.NewBody(index < 12 ? workspace : otherWorkspace);
            body["provider"] = Pick(FieldSpec.Providers[..3], random);
            body["connectionType"] = Pick(FieldSpec.ConnectionTypes[..2], random);
            body["connectionStatus"] = Pick(FieldSpec.Statuses[..2], random);
            body["visibilityMode"] = Pick(FieldSpec.VisibilityModes, random);
            body["connectionRole"] = Pick(FieldSpec.Roles, random);
            body["aiAccessEnabled"] = random.Next(2) == 0;
            body["owningWorkspaceId"] = random.Next(3) == 0 ? null : Pick(ListWorld.OwningWorkspaceIds, random);
            body["owningUserId"] = random.Next(3) == 0 ? null : Pick(ListWorld.OwningUserIds, random);
            body["externalPrincipalId"] = random.Next(3) == 0 ? null : Pick(ListWorld.ExternalPrincipalIds, random);
            var (created, _) = await client.CreateConnectionAsync(body);
            records.Add(ToListed(created));
        }

        var cursors = new List<(string, string, string)>();
        foreach (var sort in HostileQueries.Sorts)
        {
            foreach (var limit in new[] { 1, 5 })
            {
                var page = await client.ListPageAsync($"workspaceId={workspace}&sort={sort}&limit={limit}");
                cursors.Add((page.NextCursor!, sort, page.Ids[^1]));
            }
        }

        return new ListWorld(workspace, otherWorkspace, records, cursors);
    }

    private static string Pick(string[] values, Random random) => values[random.Next(values.Length)];

    private static ListedRecord ToListed(JsonElement record)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in HostileQueries.IdentifierFilters.Concat(HostileQueries.EnumFilters.Keys))
        {
            var value = record.GetProperty(name);
            fields[name] = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
        }

        return new ListedRecord(record.Id(), record.GetProperty("createdAt").GetString()!, record.GetProperty("updatedAt").GetString()!, fields);
    }

    /// <summary>
    /// Checks a list response against the query: a 400 naming only parameters the query got wrong,
    /// or a page whose items all pass the filters, in order. When the query is confined to the
    /// generated workspaces, the page must also be exactly the expected one, with nextCursor set
    /// only when more records follow.
    /// </summary>
    private static void CheckList(ListWorld world, QueryParameter[] parameters, FuzzResponse response)
    {
        var allowed = new List<ErrorKey>();
        bool? valid = true;
        foreach (var parameter in parameters.Where(parameter => parameter.Valid is not true))
        {
            allowed.Add(ErrorKey.Exact(parameter.Name));

            // ASP.NET Core binds a name that differs only in case to the parameter, whose value may then be invalid too.
            if (ListParameterNames.FirstOrDefault(name => string.Equals(name, parameter.Name, StringComparison.OrdinalIgnoreCase)) is { } canonical)
            {
                allowed.Add(ErrorKey.Exact(canonical));
            }

            if (parameter.Valid is false)
            {
                valid = false;
            }
            else if (valid is true)
            {
                valid = null;
            }
        }

        foreach (var single in new[] { "sort", "limit", "cursor" })
        {
            if (parameters.Count(parameter => parameter.Name == single) > 1)
            {
                allowed.Add(ErrorKey.Exact(single));
                valid = false;
            }
        }

        var sort = parameters.LastOrDefault(parameter => parameter.Name == "sort")?.Value ?? "-createdAt";
        var cursorParameter = parameters.LastOrDefault(parameter => parameter.Name == "cursor" && parameter.Valid is true);
        var cursor = cursorParameter is null ? default : world.Cursors.FirstOrDefault(known => known.Cursor == cursorParameter.Value);
        if (cursorParameter is not null && cursor.Sort != sort)
        {
            allowed.Add(ErrorKey.Exact("cursor"));
            valid = valid is null ? null : false;
        }

        if (valid is false || (valid is null && response.Status == HttpStatusCode.BadRequest))
        {
            FuzzAssert.Rejected(response, allowed);
            return;
        }

        FuzzAssert.True(response.Status == HttpStatusCode.OK, $"Expected 200 for a valid query, got {response}");
        var page = response.Json();
        var names = page.EnumerateObject().Select(property => property.Name).ToArray();
        FuzzAssert.True(names.SequenceEqual(["items", "nextCursor"]), $"Expected items and nextCursor, got {response}");
        var items = page.GetProperty("items").EnumerateArray().Select(ToListed).ToList();
        // A filter with a value of unknown decoding may match anything, so only filters without one are checked.
        var unknownFilters = parameters.Where(parameter => parameter.Value is null).Select(parameter => parameter.Name).ToHashSet(StringComparer.Ordinal);
        var filters = parameters
            .Where(parameter => parameter.Valid is true && parameter.Name is not ("sort" or "limit" or "cursor") && !unknownFilters.Contains(parameter.Name))
            .GroupBy(parameter => parameter.Name, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(parameter => parameter.Value).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var limit = int.Parse(parameters.LastOrDefault(parameter => parameter.Name == "limit")?.Value ?? "50", CultureInfo.InvariantCulture);
        bool Matches(ListedRecord record) => filters.All(filter => filter.Value.Contains(record.Fields[filter.Key]));

        FuzzAssert.True(items.Count <= limit, $"{items.Count} items on a page of at most {limit}");
        foreach (var item in items)
        {
            FuzzAssert.True(Matches(item), $"Item {item.Id} does not pass the filters of the query: {response}");
        }

        var ordered = Order(items, sort).Select(item => item.Id);
        FuzzAssert.True(ordered.SequenceEqual(items.Select(item => item.Id)), $"Items are not in {sort} order: {response}");

        var confined = filters.TryGetValue("workspaceId", out var workspaces)
            && workspaces.All(value => value == world.Workspace || value == world.OtherWorkspace);
        if (valid is not true || !confined)
        {
            return;
        }

        var expected = Order(world.Records.Where(Matches), sort).ToList();
        if (cursor.AfterId is not null)
        {
            var after = Order(world.Records, sort).ToList();
            var afterIndex = after.FindIndex(record => record.Id == cursor.AfterId);
            expected = [.. expected.Where(record => after.FindIndex(candidate => candidate.Id == record.Id) > afterIndex)];
        }

        var expectedPage = expected.Take(limit).Select(record => record.Id).ToList();
        FuzzAssert.True(expectedPage.SequenceEqual(items.Select(item => item.Id)),
            $"Expected the page [{string.Join(", ", expectedPage)}], got {response}");
        var nextCursor = page.GetProperty("nextCursor");
        FuzzAssert.True((expected.Count > limit) == (nextCursor.ValueKind == JsonValueKind.String),
            $"{expected.Count} records pass the filters with limit {limit}, but nextCursor is {nextCursor}");
    }

    private static readonly string[] ListParameterNames =
        [.. HostileQueries.IdentifierFilters, .. HostileQueries.EnumFilters.Keys, "sort", "limit", "cursor"];

    private static IEnumerable<ListedRecord> Order(IEnumerable<ListedRecord> records, string sort)
    {
        Func<ListedRecord, string> key = sort.EndsWith("createdAt", StringComparison.Ordinal) ? record => record.CreatedAt : record => record.UpdatedAt;
        return sort.StartsWith('-')
            ? records.OrderByDescending(key, StringComparer.Ordinal).ThenByDescending(record => record.Id, StringComparer.Ordinal)
            : records.OrderBy(key, StringComparer.Ordinal).ThenBy(record => record.Id, StringComparer.Ordinal);
    }

    /// <summary>
    /// Checks the response to a create or patch against the body's verdict. A patch compares
    /// createdAt, updatedAt and the ETag with <paramref name="baseline"/>, the record before it.
    /// </summary>
    private async Task CheckWriteAsync(BodyCase body, FuzzResponse response, HttpStatusCode success, JsonElement? baseline)
    {
        FuzzAssert.NoServerError(response);
        Count($"{response.Code}");
        if (body.IsTooLarge)
        {
            FuzzAssert.True(response.Status == HttpStatusCode.RequestEntityTooLarge, $"Expected 413 for a body over 1 MiB, got {response}");
            FuzzAssert.Problem(response);
            return;
        }

        if (!body.IsValid)
        {
            FuzzAssert.Rejected(response, body.Errors);
            return;
        }

        FuzzAssert.True(response.Status == success, $"Expected {(int)success} for a valid body, got {response}");
        var record = FuzzAssert.Record(response, body.Expected!);
        await FuzzAssert.ReadsBackAsync(client, response);

        var etag = response.Message.Headers.ETag?.ToString();
        if (baseline is not { } before)
        {
            FuzzAssert.True(etag == "\"1\"", $"A new record has ETag {etag}, expected \"1\"");
            FuzzAssert.True(response.Message.Headers.Location?.OriginalString == $"{ConnectionsApi.BasePath}/{record.Id()}",
                $"Location is {response.Message.Headers.Location}");
            FuzzAssert.True(record.GetProperty("createdAt").GetString() == record.GetProperty("updatedAt").GetString(),
                "A new record has createdAt different from updatedAt");
            return;
        }

        var changed = body.Expected!.Any(field => !JsonElement.DeepEquals(JsonElement.Parse(field.Value), before.GetProperty(field.Key)));
        Count(changed ? "changed" : "unchanged");
        FuzzAssert.True(record.GetProperty("createdAt").GetString() == before.GetProperty("createdAt").GetString(), "A patch changed createdAt");
        var updatedAtMoved = string.CompareOrdinal(record.GetProperty("updatedAt").GetString(), before.GetProperty("updatedAt").GetString()) > 0;
        FuzzAssert.True(updatedAtMoved == changed, changed ? "A patch that changed a value kept updatedAt" : "A patch that changed nothing moved updatedAt");
        FuzzAssert.True(etag == (changed ? "\"2\"" : "\"1\""), $"ETag after a patch that {(changed ? "changed" : "kept")} the values is {etag}");
    }

    /// <summary>
    /// Runs a property over <paramref name="defaultIterations"/> cases, or the count in
    /// EXTERNALCONNECTIONS_FUZZ_ITERATIONS, and writes how many ran and their outcomes.
    /// </summary>
    private async Task RunAsync<T>(Gen<T> cases, Func<T, Task> property, Func<T, string> print, long defaultIterations)
    {
        var iterations = Environment.GetEnvironmentVariable(IterationsVariable) is { Length: > 0 } text
            ? long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : defaultIterations;
        var started = DateTime.UtcNow;
        var ran = 0;
        try
        {
            await cases.SampleAsync(
                async item =>
                {
                    Interlocked.Increment(ref ran);
                    await property(item);
                },
                output.WriteLine,
                iter: iterations,
                print: print);
        }
        finally
        {
            output.WriteLine($"{ran:N0} cases ran ({iterations:N0} requested) in {(DateTime.UtcNow - started).TotalSeconds:N1} s.");
            output.WriteLine("Outcomes: " + string.Join(", ", outcomes.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}: {pair.Value:N0}")));
        }
    }

    private void Count(string outcome) => outcomes.AddOrUpdate(outcome, 1, (_, count) => count + 1);
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using ExternalConnections.Api.Connections;
using ExternalConnections.Api.Connections.Listing;
using ExternalConnections.Api.Infrastructure.Json;
using Npgsql;
using NpgsqlTypes;

namespace ExternalConnections.Bench;

/// <summary>
/// Loads generated records into <c>external_connections</c> with binary COPY, then writes the
/// lookup data that the load scripts need: sampled ids, workspace ids and deep cursors, as files
/// for wrk and as tables in schema <c>bench</c> for pgbench.
/// </summary>
public sealed class Seeder(NpgsqlDataSource dataSource, SeedOptions options)
{
    /// <summary>Time span that creation times are spread over, ending now.</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(365);

    private const string CopyRecordsCommand =
        "COPY external_connections (id, created_at, updated_at, provider, connection_type, connection_status, "
        + "owning_workspace_id, owning_user_id, label, scopes, encrypted_credentials_ref, external_principal_id, "
        + "configuration, last_sync_at, workspace_id, visibility_mode, external_sub, connection_role, "
        + "ai_access_enabled, version) FROM STDIN (FORMAT BINARY)";

    private const int ProgressInterval = 100_000;

    public async Task RunAsync()
    {
        await CheckTableIsEmptyAsync();
        var plan = WorkspacePlan.For(options.Rows);
        Log($"loading {options.Rows:N0} records into {plan.WorkspaceIds.Count:N0} workspaces "
            + $"({plan.LargeWorkspaceCount:N0} large with {plan.RecordCounts[0]:N0} records each)");

        var stopwatch = Stopwatch.StartNew();
        var sampledIds = await CopyRecordsAsync(plan);
        Log($"copied in {stopwatch.Elapsed.TotalSeconds:0.0} s; running VACUUM (ANALYZE)");

        // VACUUM sets hint bits and the visibility map now, so that neither autovacuum nor the
        // first reads of the benchmark do that work while it measures.
        stopwatch.Restart();
        await ExecuteAsync("VACUUM (ANALYZE) external_connections");
        Log($"vacuumed and analysed in {stopwatch.Elapsed.TotalSeconds:0.0} s");

        var deepCursors = await FindDeepCursorsAsync(plan);
        await CreateLookupTablesAsync(sampledIds, plan.WorkspaceIds, deepCursors);
        await WriteLookupFilesAsync(sampledIds, plan.WorkspaceIds, deepCursors);
        await CheckDistributionAsync();
    }

    private async Task CheckTableIsEmptyAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var exists = new NpgsqlCommand("SELECT to_regclass('external_connections') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync())!)
        {
            throw new SeedException(
                $"table external_connections does not exist in database '{connection.Database}'. "
                + "Start the service against it once, so that it applies its migrations, and run the seed again.");
        }

        await using var hasRows = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM external_connections)", connection);
        if ((bool)(await hasRows.ExecuteScalarAsync())!)
        {
            throw new SeedException(
                $"table external_connections in database '{connection.Database}' already has records. "
                + "Seed a freshly created database.");
        }
    }

    /// <summary>Copies the records in creation order and returns the sampled ids.</summary>
    private async Task<List<Guid>> CopyRecordsAsync(WorkspacePlan plan)
    {
        var random = new Random(options.RandomSeed);
        var workspaceOfRecord = plan.AssignRecords(random);
        var isSampled = ChooseSample(random, options.Rows, options.IdSampleSize);
        var now = RecordGenerator.ToMicroseconds(DateTimeOffset.UtcNow);
        var generator = new RecordGenerator(random, now, plan.WorkspaceIds);

        // Creation times rise with the record number, one random instant in each equal slot, so
        // UUIDv7 ids rise with them as they do when the service creates records one by one.
        var firstCreatedAt = now - History;
        var slot = (History - TimeSpan.FromMinutes(1)) / options.Rows;
        var sampledIds = new List<Guid>();

        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var importer = await connection.BeginBinaryImportAsync(CopyRecordsCommand))
        {
            for (var i = 0; i < options.Rows; i++)
            {
                var createdAt = RecordGenerator.ToMicroseconds(firstCreatedAt + (slot * (i + random.NextDouble())));
                var record = generator.Create(createdAt, workspaceOfRecord[i]);
                WriteRow(importer, record);
                if (isSampled[i])
                {
                    sampledIds.Add(record.Id);
                }

                if ((i + 1) % ProgressInterval == 0)
                {
                    Log($"generated {i + 1:N0} records");
                }
            }

            await importer.CompleteAsync();
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sampledIds));
        return sampledIds;
    }

    private static void WriteRow(NpgsqlBinaryImporter importer, SeedRecord record)
    {
        importer.StartRow();
        importer.Write(record.Id, NpgsqlDbType.Uuid);
        importer.Write(record.CreatedAt, NpgsqlDbType.TimestampTz);
        importer.Write(record.UpdatedAt, NpgsqlDbType.TimestampTz);
        importer.Write(record.Provider, NpgsqlDbType.Text);
        importer.Write(record.ConnectionType, NpgsqlDbType.Text);
        importer.Write(record.ConnectionStatus, NpgsqlDbType.Text);
        WriteNullable(importer, record.OwningWorkspaceId, NpgsqlDbType.Varchar);
        WriteNullable(importer, record.OwningUserId, NpgsqlDbType.Varchar);
        WriteNullable(importer, record.Label, NpgsqlDbType.Varchar);
        WriteNullable(importer, record.Scopes, NpgsqlDbType.Array | NpgsqlDbType.Text);
        WriteNullable(importer, record.EncryptedCredentialsRef, NpgsqlDbType.Varchar);
        WriteNullable(importer, record.ExternalPrincipalId, NpgsqlDbType.Varchar);
        WriteNullable(importer, record.Configuration, NpgsqlDbType.Jsonb);
        if (record.LastSyncAt is { } lastSyncAt)
        {
            importer.Write(lastSyncAt, NpgsqlDbType.TimestampTz);
        }
        else
        {
            importer.WriteNull();
        }

        importer.Write(record.WorkspaceId, NpgsqlDbType.Varchar);
        importer.Write(record.VisibilityMode, NpgsqlDbType.Text);
        WriteNullable(importer, record.ExternalSub, NpgsqlDbType.Varchar);
        importer.Write(record.ConnectionRole, NpgsqlDbType.Text);
        importer.Write(record.AiAccessEnabled, NpgsqlDbType.Boolean);
        importer.Write(record.Version, NpgsqlDbType.Integer);
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
        where T : class
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, type);
        }
    }

    /// <summary>Marks <paramref name="sampleSize"/> record numbers at random, or all when there are fewer.</summary>
    private static bool[] ChooseSample(Random random, int rows, int sampleSize)
    {
        var isSampled = new bool[rows];
        if (sampleSize >= rows)
        {
            Array.Fill(isSampled, true);
            return isSampled;
        }

        for (var chosen = 0; chosen < sampleSize;)
        {
            var index = random.Next(rows);
            if (!isSampled[index])
            {
                isSampled[index] = true;
                chosen++;
            }
        }

        return isSampled;
    }

    /// <summary>
    /// For each large workspace with room for a full page after <see cref="SeedOptions.CursorDepth"/>
    /// records, encodes the cursor after that many records in the default sort (-createdAt, -id), as
    /// the service does, and notes the id that the page must start with.
    /// </summary>
    private async Task<List<DeepCursor>> FindDeepCursorsAsync(WorkspacePlan plan)
    {
        var cursors = new List<DeepCursor>();
        await using var connection = await dataSource.OpenConnectionAsync();
        for (var workspace = 0; workspace < plan.LargeWorkspaceCount; workspace++)
        {
            if (plan.RecordCounts[workspace] < options.CursorDepth + ConnectionLimits.DefaultPageSize)
            {
                continue;
            }

            var workspaceId = plan.WorkspaceIds[workspace];
            await using var command = new NpgsqlCommand(
                "SELECT created_at, id FROM external_connections WHERE workspace_id = $1 "
                + "ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 2",
                connection);
            command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
            command.Parameters.Add(new NpgsqlParameter { Value = options.CursorDepth - 1 });
            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                throw new SeedException($"workspace {workspaceId} has fewer than {options.CursorDepth:N0} records.");
            }

            var createdAt = reader.GetFieldValue<DateTimeOffset>(0);
            var id = reader.GetGuid(1);
            if (!await reader.ReadAsync())
            {
                throw new SeedException($"workspace {workspaceId} has no record after position {options.CursorDepth:N0}.");
            }

            var cursor = new ListCursor(ConnectionSort.CreatedAtDescending, createdAt, id);
            cursors.Add(new DeepCursor(workspaceId, createdAt, id, cursor.Encode(), reader.GetGuid(1)));
        }

        Log($"encoded {cursors.Count} cursors {options.CursorDepth:N0} records deep");
        return cursors;
    }

    private async Task CreateLookupTablesAsync(List<Guid> sampledIds, IReadOnlyList<string> workspaceIds, List<DeepCursor> deepCursors)
    {
        await ExecuteAsync("""
            DROP SCHEMA IF EXISTS bench CASCADE;
            CREATE SCHEMA bench;
            COMMENT ON SCHEMA bench IS 'Lookup tables of the benchmark: pgbench scripts pick rows by n = random(1, count).';
            CREATE TABLE bench.ids (n integer PRIMARY KEY, id uuid NOT NULL);
            CREATE TABLE bench.workspaces (n integer PRIMARY KEY, workspace_id varchar(255) NOT NULL);
            CREATE TABLE bench.deep_cursors (
                n integer PRIMARY KEY,
                workspace_id varchar(255) NOT NULL,
                created_at timestamptz NOT NULL,
                id uuid NOT NULL);

            -- A UUIDv7 of the current millisecond, for pgbench inserts: the service makes its ids
            -- with Guid.CreateVersion7, and PostgreSQL 15 has no uuidv7(). It sets the version bits
            -- of a random version 4 UUID to 7 and puts the Unix time in milliseconds in front.
            CREATE FUNCTION bench.uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
                SELECT encode(
                    set_bit(set_bit(
                        overlay(uuid_send(gen_random_uuid())
                            PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                            FROM 1 FOR 6),
                        52, 1), 53, 1),
                    'hex')::uuid
            $$;
            """);

        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var importer = await connection.BeginBinaryImportAsync("COPY bench.ids (n, id) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < sampledIds.Count; i++)
            {
                await importer.WriteRowAsync(default, i + 1, sampledIds[i]);
            }

            await importer.CompleteAsync();
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY bench.workspaces (n, workspace_id) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < workspaceIds.Count; i++)
            {
                await importer.WriteRowAsync(default, i + 1, workspaceIds[i]);
            }

            await importer.CompleteAsync();
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY bench.deep_cursors (n, workspace_id, created_at, id) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < deepCursors.Count; i++)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(i + 1, NpgsqlDbType.Integer);
                await importer.WriteAsync(deepCursors[i].WorkspaceId, NpgsqlDbType.Varchar);
                await importer.WriteAsync(deepCursors[i].CreatedAt, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(deepCursors[i].Id, NpgsqlDbType.Uuid);
            }

            await importer.CompleteAsync();
        }

        await ExecuteAsync("ANALYZE bench.ids, bench.workspaces, bench.deep_cursors");
    }

    /// <summary>
    /// Writes ids.txt, workspaces.txt and deep-cursors.tsv (workspace id, cursor, first id of the
    /// page) for the wrk scripts, and dataset.env with the counts for bench/run.sh.
    /// </summary>
    private async Task WriteLookupFilesAsync(List<Guid> sampledIds, IReadOnlyList<string> workspaceIds, List<DeepCursor> deepCursors)
    {
        Directory.CreateDirectory(options.OutputFolder);
        await File.WriteAllLinesAsync(Path.Combine(options.OutputFolder, "ids.txt"), sampledIds.Select(id => id.ToString()));
        await File.WriteAllLinesAsync(Path.Combine(options.OutputFolder, "workspaces.txt"), workspaceIds);
        await File.WriteAllLinesAsync(
            Path.Combine(options.OutputFolder, "deep-cursors.tsv"),
            deepCursors.Select(cursor => $"{cursor.WorkspaceId}\t{cursor.Encoded}\t{cursor.FirstIdOfPage}"));
        await File.WriteAllTextAsync(
            Path.Combine(options.OutputFolder, "dataset.env"),
            string.Create(CultureInfo.InvariantCulture, $"""
                RECORD_COUNT={options.Rows}
                ID_COUNT={sampledIds.Count}
                WORKSPACE_COUNT={workspaceIds.Count}
                DEEP_CURSOR_COUNT={deepCursors.Count}
                CURSOR_DEPTH={options.CursorDepth}

                """));
        Log($"wrote lookup files to {options.OutputFolder}");
    }

    /// <summary>
    /// Prints how the loaded values are spread and fails when an enum value is missing or a
    /// record was updated before it was created.
    /// </summary>
    private async Task CheckDistributionAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var report = new StringBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            """
            SELECT coalesce(provider, connection_type, connection_status, visibility_mode, connection_role), count(*)
            FROM external_connections
            GROUP BY GROUPING SETS ((provider), (connection_type), (connection_status), (visibility_mode), (connection_role))
            ORDER BY 1
            """,
            connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                seen.Add(reader.GetString(0));
                report.Append(CultureInfo.InvariantCulture, $"{reader.GetString(0)}={reader.GetInt64(1)} ");
            }
        }

        string[] expected =
        [
            .. SnakeCaseNames<ConnectionProvider>.All,
            .. SnakeCaseNames<ConnectionType>.All,
            .. SnakeCaseNames<ConnectionStatus>.All,
            .. SnakeCaseNames<VisibilityMode>.All,
            .. SnakeCaseNames<ConnectionRole>.All,
        ];
        var missing = expected.Where(name => !seen.Contains(name)).ToList();
        Log($"values: {report}");

        await using (var command = new NpgsqlCommand(
            """
            SELECT count(*), count(configuration), count(label), count(owning_user_id), count(last_sync_at),
                   min(cardinality(scopes)), max(cardinality(scopes)),
                   count(*) FILTER (WHERE updated_at < created_at),
                   (SELECT max(n) FROM (SELECT count(*) AS n FROM external_connections GROUP BY workspace_id) AS sizes)
            FROM external_connections
            """,
            connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            Log($"records={reader.GetInt64(0):N0} with configuration={reader.GetInt64(1):N0} label={reader.GetInt64(2):N0} "
                + $"owning_user_id={reader.GetInt64(3):N0} last_sync_at={reader.GetInt64(4):N0} "
                + $"scopes={reader.GetInt32(5)}..{reader.GetInt32(6)} largest workspace={reader.GetInt64(8):N0}");
            if (reader.GetInt64(7) > 0)
            {
                throw new SeedException($"{reader.GetInt64(7)} records have updated_at before created_at.");
            }
        }

        if (missing.Count > 0)
        {
            throw new SeedException($"no record has these values: {string.Join(", ", missing)}.");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static void Log(string message) => Console.WriteLine($"seed: {message}");

    /// <summary>A cursor after <see cref="Id"/>, and the id that the next page starts with.</summary>
    private sealed record DeepCursor(string WorkspaceId, DateTimeOffset CreatedAt, Guid Id, string Encoded, Guid FirstIdOfPage);
}

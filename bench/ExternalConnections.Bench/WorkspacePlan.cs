using System.Globalization;

namespace ExternalConnections.Bench;

/// <summary>
/// How many records each workspace gets. A quarter of the records go to the large workspaces
/// (1% of all workspaces), so that one workspace contains far more than a deep-cursor page needs;
/// the rest are spread evenly. At 1,000,000 records: 10 workspaces of 25,000 and 990 of about 758.
/// </summary>
public sealed class WorkspacePlan
{
    /// <summary>Average records per workspace, the same at every data-set size.</summary>
    public const int RecordsPerWorkspace = 1_000;

    /// <summary>One workspace in this many is large.</summary>
    public const int WorkspacesPerLargeWorkspace = 100;

    /// <summary>Share of all records that the large workspaces hold together.</summary>
    public const double LargeWorkspaceShare = 0.25;

    private WorkspacePlan(IReadOnlyList<string> workspaceIds, IReadOnlyList<int> recordCounts, int largeWorkspaceCount)
    {
        WorkspaceIds = workspaceIds;
        RecordCounts = recordCounts;
        LargeWorkspaceCount = largeWorkspaceCount;
    }

    /// <summary>Workspace ids, the large workspaces first.</summary>
    public IReadOnlyList<string> WorkspaceIds { get; }

    /// <summary>Records of each workspace, in the order of <see cref="WorkspaceIds"/>.</summary>
    public IReadOnlyList<int> RecordCounts { get; }

    public int LargeWorkspaceCount { get; }

    public static WorkspacePlan For(int rows)
    {
        var workspaceCount = Math.Max(1, rows / RecordsPerWorkspace);
        var largeCount = Math.Max(1, workspaceCount / WorkspacesPerLargeWorkspace);
        var counts = new int[workspaceCount];
        if (workspaceCount == largeCount)
        {
            Spread(counts, 0, workspaceCount, rows);
        }
        else
        {
            var largeRows = (int)(rows * LargeWorkspaceShare);
            Spread(counts, 0, largeCount, largeRows);
            Spread(counts, largeCount, workspaceCount - largeCount, rows - largeRows);
        }

        var ids = Enumerable.Range(1, workspaceCount)
            .Select(number => "ws-" + number.ToString("D5", CultureInfo.InvariantCulture))
            .ToArray();
        return new WorkspacePlan(ids, counts, largeCount);
    }

    /// <summary>
    /// Returns, for each record in creation order, the index of its workspace. Each workspace's
    /// records are scattered over the whole sequence, so over the whole year of creation times.
    /// </summary>
    public int[] AssignRecords(Random random)
    {
        var assignment = new int[RecordCounts.Sum()];
        var next = 0;
        for (var workspace = 0; workspace < RecordCounts.Count; workspace++)
        {
            assignment.AsSpan(next, RecordCounts[workspace]).Fill(workspace);
            next += RecordCounts[workspace];
        }

        random.Shuffle(assignment);
        return assignment;
    }

    private static void Spread(int[] counts, int start, int length, int total)
    {
        for (var i = 0; i < length; i++)
        {
            counts[start + i] = (total / length) + (i < total % length ? 1 : 0);
        }
    }
}

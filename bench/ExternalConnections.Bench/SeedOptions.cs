using System.Globalization;

namespace ExternalConnections.Bench;

/// <summary>Command-line options of the <c>seed</c> command.</summary>
public sealed class SeedOptions
{
    public const string Usage = """
        usage: ExternalConnections.Bench seed --connection <string> --rows <count> --out <folder>
                                              [--random-seed <int>] [--id-sample <count>] [--cursor-depth <count>]

          --connection    Npgsql connection string of a database whose schema the service has migrated
          --rows          records to insert; workspaces = rows / 1,000 (at least 1), 1% of them large
          --out           folder for the lookup files that the wrk scripts read
          --random-seed   seed of the value generator (default 20261204), so runs load the same data
          --id-sample     how many record ids to list for random reads and patches (default 100,000)
          --cursor-depth  records before the deep-cursor page, in -createdAt order (default 10,000)
        """;

    public required string ConnectionString { get; init; }

    public required int Rows { get; init; }

    public required string OutputFolder { get; init; }

    public const int DefaultRandomSeed = 20261204;

    public const int DefaultIdSampleSize = 100_000;

    public const int DefaultCursorDepth = 10_000;

    public int RandomSeed { get; init; } = DefaultRandomSeed;

    public int IdSampleSize { get; init; } = DefaultIdSampleSize;

    public int CursorDepth { get; init; } = DefaultCursorDepth;

    /// <summary>Parses <c>seed</c>'s arguments, or returns null and an error message.</summary>
    public static SeedOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                error = $"Expected '--name value' pairs, but got '{name}' without a value.";
                return null;
            }

            values[name] = args[i + 1];
        }

        string[] known = ["--connection", "--rows", "--out", "--random-seed", "--id-sample", "--cursor-depth"];
        var unknown = values.Keys.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            error = $"Unknown option {string.Join(", ", unknown)}.";
            return null;
        }

        foreach (var required in new[] { "--connection", "--rows", "--out" })
        {
            if (!values.ContainsKey(required))
            {
                error = $"Missing option {required}.";
                return null;
            }
        }

        int? ParsePositive(string name, int? defaultValue)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return defaultValue;
            }

            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : null;
        }

        var rows = ParsePositive("--rows", null);
        var randomSeed = ParsePositive("--random-seed", DefaultRandomSeed);
        var idSample = ParsePositive("--id-sample", DefaultIdSampleSize);
        var cursorDepth = ParsePositive("--cursor-depth", DefaultCursorDepth);
        if (rows is null || randomSeed is null || idSample is null || cursorDepth is null)
        {
            error = "--rows, --random-seed, --id-sample and --cursor-depth must be whole numbers greater than 0.";
            return null;
        }

        error = null;
        return new SeedOptions
        {
            ConnectionString = values["--connection"],
            Rows = rows.Value,
            OutputFolder = values["--out"],
            RandomSeed = randomSeed.Value,
            IdSampleSize = idSample.Value,
            CursorDepth = cursorDepth.Value,
        };
    }
}

using System.Diagnostics;
using Npgsql;

namespace ExternalConnections.Bench;

/// <summary>Entry point of <c>ExternalConnections.Bench seed …</c>.</summary>
public static class SeedCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "seed")
        {
            await Console.Error.WriteLineAsync(SeedOptions.Usage);
            return 2;
        }

        var options = SeedOptions.Parse(args[1..], out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"seed: {error}");
            await Console.Error.WriteLineAsync(SeedOptions.Usage);
            return 2;
        }

        var stopwatch = Stopwatch.StartNew();
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
            var seeder = new Seeder(dataSource, options);
            await seeder.RunAsync();
        }
        catch (Exception exception) when (exception is NpgsqlException or SeedException or IOException)
        {
            await Console.Error.WriteLineAsync($"seed: failed after {stopwatch.Elapsed.TotalSeconds:0.0} s: {exception.Message}");
            return 1;
        }

        Console.WriteLine($"seed: done in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }
}

/// <summary>A precondition of seeding that does not hold, such as a database the service has not migrated.</summary>
public sealed class SeedException(string message) : Exception(message);

using System.Diagnostics;

namespace ExternalConnections.Api.Tests.Infrastructure;

/// <summary>Runs <c>scripts/local-postgres.sh</c>, the same script that the README's run command uses.</summary>
internal static class LocalPostgresScript
{
    /// <summary>Runs one command of the script and returns its standard output; fails with its standard error.</summary>
    public static async Task<string> RunAsync(string command, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "local-postgres.sh"), command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"local-postgres.sh {command} failed with exit code {process.ExitCode}: {await errors}");
        }

        return await output;
    }
}

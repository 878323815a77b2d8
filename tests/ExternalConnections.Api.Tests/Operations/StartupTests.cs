using System.Diagnostics;
using ExternalConnections.Api.Tests.Infrastructure;
using Npgsql;

namespace ExternalConnections.Api.Tests.Operations;

/// <summary>
/// Starts the built service as its own process, as an operator would, and checks that a bad
/// connection string stops it with one clear message and no stack trace.
/// </summary>
public sealed class StartupTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Start_WithoutConnectionString_ExitsWithOneClearMessage()
    {
        var (exitCode, output) = await RunServiceAsync(connectionString: "");

        Assert.Equal(1, exitCode);
        Assert.Contains("connection string 'ConnectionStrings:Postgres' is missing", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Start_WithMalformedConnectionString_ExitsWithOneClearMessage()
    {
        var (exitCode, output) = await RunServiceAsync(connectionString: "Host=localhost;Nonsense");

        Assert.Equal(1, exitCode);
        Assert.Contains("connection string 'ConnectionStrings:Postgres' is invalid", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Start_WithUnreachableServer_ExitsAfterTheStartupTimeout()
    {
        var (exitCode, output) = await RunServiceAsync(
            connectionString: "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none",
            startupTimeout: "00:00:02");

        Assert.Equal(1, exitCode);
        Assert.Contains("Cannot connect to PostgreSQL at 127.0.0.1:1/none", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Start_WithWrongPassword_ExitsWithoutRetryingOrShowingThePassword()
    {
        var admin = new NpgsqlConnectionStringBuilder(await PostgresServer.GetAdminConnectionStringAsync())
        {
            Password = "wrong-password-5b1c",
        };

        var (exitCode, output) = await RunServiceAsync(admin.ConnectionString, startupTimeout: "00:00:30");

        Assert.Equal(1, exitCode);
        Assert.Contains("after 1 attempt(s)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-5b1c", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    private static void AssertNoStackTrace(string output) =>
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);

    private static async Task<(int ExitCode, string Output)> RunServiceAsync(string connectionString, string startupTimeout = "00:00:05")
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "ExternalConnections.Api.dll"), "--urls", "http://127.0.0.1:0" },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Postgres"] = connectionString,
                ["Database__StartupTimeout"] = startupTimeout,
            },
        };

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ExitTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The service did not exit within {ExitTimeout}: {await output}");
        }

        return (process.ExitCode, await output + await errors);
    }
}

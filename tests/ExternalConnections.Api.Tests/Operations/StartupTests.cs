using System.Net;
using System.Net.Sockets;
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
        var (exitCode, output) = await RunUntilExitAsync(connectionString: "");

        Assert.Equal(1, exitCode);
        Assert.Contains("connection string 'ConnectionStrings:Postgres' is missing", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Start_WithMalformedConnectionString_ExitsWithOneClearMessage()
    {
        var (exitCode, output) = await RunUntilExitAsync(connectionString: "Host=localhost;Nonsense");

        Assert.Equal(1, exitCode);
        Assert.Contains("connection string 'ConnectionStrings:Postgres' is invalid", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Start_WithUnreachableServer_ExitsAfterTheStartupTimeout()
    {
        var (exitCode, output) = await RunUntilExitAsync(
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

        var (exitCode, output) = await RunUntilExitAsync(admin.ConnectionString, startupTimeout: "00:00:30");

        Assert.Equal(1, exitCode);
        Assert.Contains("after 1 attempt(s)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-5b1c", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Theory]
    [InlineData("Port=5432;Database=x;Username=x;Password=x", "it has no Host")]
    [InlineData("Host=;Database=x", "it has no Host")]
    [InlineData("Host=localhost;Port=99999", "is invalid")]
    public async Task Start_WithInvalidConnectionString_ExitsWithOneClearMessage(string connectionString, string message)
    {
        var (exitCode, output) = await RunUntilExitAsync(connectionString);

        Assert.Equal(1, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Start_WithInvalidSetting_ExitsWithOneClearMessage()
    {
        var (exitCode, output) = await RunUntilExitAsync("Host=localhost", startupTimeout: "soon");

        Assert.Equal(1, exitCode);
        Assert.Contains("Invalid setting in the 'Database' section", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Start_WithoutPassword_ExitsWithoutRetrying()
    {
        var admin = new NpgsqlConnectionStringBuilder(await PostgresServer.GetAdminConnectionStringAsync()) { Password = null };

        var (exitCode, output) = await RunUntilExitAsync(admin.ConnectionString, startupTimeout: "00:00:30");

        Assert.Equal(1, exitCode);
        Assert.Contains("after 1 attempt(s)", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Start_InProductionWithAuthenticationOff_ExitsWithOneClearMessage()
    {
        var (exitCode, output) = await RunUntilExitAsync("Host=localhost", extra: new() { ["Authentication__Enabled"] = "false" });

        Assert.Equal(1, exitCode);
        Assert.Contains("Authentication is switched off", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Start_WithAuthenticationOnButNoWayToCheckTokens_ExitsWithOneClearMessage()
    {
        var (exitCode, output) = await RunUntilExitAsync("Host=localhost", extra: new()
        {
            ["Authentication__Schemes__Bearer__SigningKeys__0__Value"] = "",
            ["Authentication__Schemes__Bearer__SigningKeys__0__Issuer"] = "",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("neither an Authority nor SigningKeys", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Theory]
    [InlineData("ForwardedHeaders__KnownProxies__0", "proxy.internal", "'proxy.internal' is not an IP address")]
    [InlineData("ForwardedHeaders__KnownProxies__0", "10", "'10' is not an IP address")]
    [InlineData("ForwardedHeaders__KnownNetworks__0", "10.0.0.0/99", "'10.0.0.0/99' is not a network in CIDR notation")]
    [InlineData("RateLimiting__BurstLimit", "0", "must be at least 1")]
    [InlineData("RateLimiting__RequestsPerSecond", "-5", "must be at least 1")]
    [InlineData("RateLimiting__RequestsPerSecond", "many", "Invalid setting in the 'RateLimiting' section")]
    [InlineData("Database__MigrationTimeout", "50.00:00:00", "MigrationTimeout must be between")]
    [InlineData("Database__ConnectTimeout", "00:30:00", "ConnectTimeout must be between")]
    [InlineData("Database__CommandTimeout", "60.00:00:00", "CommandTimeout must be between")]
    [InlineData("Database__MaxPoolSize", "0", "MaxPoolSize must be between")]
    [InlineData("Idempotency__KeyLifetime", "3650000.00:00:00", "KeyLifetime must be between")]
    [InlineData("Idempotency__CleanupInterval", "00:00:00", "CleanupInterval must be between")]
    [InlineData("ShutdownTimeout", "-00:00:05", "Invalid setting ShutdownTimeout")]
    [InlineData("ShutdownTimeout", "soon", "Invalid setting ShutdownTimeout")]
    public async Task Start_WithSettingOutOfRange_ExitsWithOneClearMessage(string setting, string value, string message)
    {
        var (exitCode, output) = await RunUntilExitAsync("Host=localhost", extra: new()
        {
            ["RateLimiting__Enabled"] = "true",
            [setting] = value,
        });

        Assert.Equal(1, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Start_OnPortOutOfRange_ExitsWithOneClearMessage()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        try
        {
            await using var service = ServiceProcess.Start(new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = connectionString }, port: 99999);
            var exitCode = await service.WaitForExitAsync(ExitTimeout);

            Assert.Equal(1, exitCode);
            Assert.Contains("port outside 1 to 65535", service.Output, StringComparison.Ordinal);
            AssertNoStackTrace(service.Output);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Start_OnPortInUse_ExitsWithOneClearMessage()
    {
        using var otherListener = new TcpListener(IPAddress.Loopback, 0);
        otherListener.Start();
        var port = ((IPEndPoint)otherListener.LocalEndpoint).Port;
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        try
        {
            await using var service = ServiceProcess.Start(new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = connectionString }, port);
            var exitCode = await service.WaitForExitAsync(ExitTimeout);

            Assert.Equal(1, exitCode);
            Assert.Contains($"Failed to bind to address http://127.0.0.1:{port}: address already in use", service.Output, StringComparison.Ordinal);
            AssertNoStackTrace(service.Output);
            Assert.DoesNotContain("BackgroundService failed", service.Output, StringComparison.Ordinal);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    private static void AssertNoStackTrace(string output) =>
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);

    private static async Task<(int ExitCode, string Output)> RunUntilExitAsync(
        string connectionString,
        string startupTimeout = "00:00:05",
        Dictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>(extra ?? [])
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Database__StartupTimeout"] = startupTimeout,
        };
        await using var service = ServiceProcess.Start(settings);

        var exitCode = await service.WaitForExitAsync(ExitTimeout);
        return (exitCode, service.Output);
    }
}

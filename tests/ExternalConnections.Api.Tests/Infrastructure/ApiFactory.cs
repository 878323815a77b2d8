using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace ExternalConnections.Api.Tests.Infrastructure;

/// <summary>
/// Hosts the service in-process on Kestrel at a free loopback port, so tests speak real HTTP
/// and meet Kestrel's own limits, against the given PostgreSQL database.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly string connectionString;
    private readonly IReadOnlyDictionary<string, string> settings;

    /// <param name="connectionString">The database the service uses.</param>
    /// <param name="settings">Configuration keys (such as <c>Database:MaxPoolSize</c>) that override appsettings.json.</param>
    public ApiFactory(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        this.connectionString = connectionString;
        this.settings = settings ?? new Dictionary<string, string>();
        UseKestrel(0);
    }

    /// <summary>Clock of the service: it starts now and moves 1 ms forward on each reading.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    public CapturedLogs Logs { get; } = new();

    /// <summary>A client that sends an administrator's token, who sees and changes every record.</summary>
    public HttpClient CreateAdminClient() => CreateClientWithToken(TestTokens.Admin());

    public HttpClient CreateClientWithToken(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Postgres", connectionString);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
        foreach (var (key, value) in TestTokens.Settings)
        {
            builder.UseSetting(key, value);
        }

        // Every test of a fixture calls as one administrator; the rate-limit tests switch this on.
        builder.UseSetting("RateLimiting:Enabled", "false");

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ILogEventSink>(Logs);
        });
    }
}

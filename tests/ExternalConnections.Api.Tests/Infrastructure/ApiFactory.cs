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

    public ApiFactory(string connectionString)
    {
        this.connectionString = connectionString;
        UseKestrel(0);
    }

    /// <summary>Clock of the service: it starts now and moves 1 ms forward on each reading.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Postgres", connectionString);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ILogEventSink>(Logs);
        });
    }
}

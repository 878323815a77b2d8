using System.Globalization;

namespace ExternalConnections.Api.Infrastructure;

/// <summary>The top-level <c>ShutdownTimeout</c> setting: how long SIGTERM waits for requests in flight.</summary>
public static class ShutdownSettings
{
    public const string Setting = "ShutdownTimeout";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    /// <summary>
    /// Sets the host's shutdown timeout. The host reads it while it is built, before start-up can
    /// report anything, so an invalid value keeps the default here and
    /// <see cref="CheckShutdownSettings"/> stops start-up over it.
    /// </summary>
    public static IServiceCollection AddShutdownTimeout(this IServiceCollection services)
    {
        services.AddOptions<HostOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            if (TryRead(configuration, out var timeout))
            {
                options.ShutdownTimeout = timeout;
            }
        });
        return services;
    }

    public static void CheckShutdownSettings(this WebApplication app)
    {
        if (!TryRead(app.Configuration, out _))
        {
            throw new StartupException(
                $"Invalid setting {Setting}: '{app.Configuration[Setting]}' is not a duration from 00:00:00 to {MaxTimeout:c}, such as 00:00:30.");
        }
    }

    private static bool TryRead(IConfiguration configuration, out TimeSpan timeout)
    {
        var text = configuration[Setting];
        if (text is null)
        {
            timeout = DefaultTimeout;
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out timeout) && timeout >= TimeSpan.Zero && timeout <= MaxTimeout;
    }
}

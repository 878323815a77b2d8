using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ExternalConnections.Api.Infrastructure.Security;

public static class ForwardedHeadersSetup
{
    /// <summary>
    /// Trusts X-Forwarded-For and X-Forwarded-Proto only from the proxies listed in
    /// <c>ForwardedHeaders:KnownProxies</c> (IP addresses) and <c>ForwardedHeaders:KnownNetworks</c>
    /// (CIDR), besides loopback. The client address feeds the rate limiter, so trusting any
    /// sender would let a client pick its own limit bucket.
    /// </summary>
    public static IServiceCollection AddTrustedForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(TryParseAddress(proxy, out var address)
                    ? address
                    : throw new StartupException($"Invalid setting ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
            }

            foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var range)
                    ? range
                    : throw new StartupException($"Invalid setting ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR notation, such as 10.0.0.0/8."));
            }
        });
        return services;
    }

    // IPAddress.TryParse also takes short IPv4 forms such as "10" for 0.0.0.10, which a proxy
    // list almost certainly does not mean, so IPv4 must be written out in four parts.
    private static bool TryParseAddress(string text, out IPAddress address) =>
        IPAddress.TryParse(text, out address!)
        && (address.AddressFamily != AddressFamily.InterNetwork || address.ToString() == text);

    /// <summary>
    /// Reads the proxy settings once before the service listens, so an invalid entry stops
    /// start-up with a <see cref="StartupException"/> rather than failing the first request.
    /// </summary>
    public static void CheckForwardedHeadersSettings(this WebApplication app) =>
        _ = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
}

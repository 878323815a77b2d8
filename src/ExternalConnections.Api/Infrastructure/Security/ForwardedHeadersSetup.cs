using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

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
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }
}

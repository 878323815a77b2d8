using System.Net;
using System.Net.Sockets;

namespace ExternalConnections.Api.Tests.Infrastructure;

public static class FreePort
{
    /// <summary>
    /// Returns a loopback TCP port that was free a moment ago. Another process could take it
    /// before the caller binds it; on a test machine that race is rare enough.
    /// </summary>
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using Microsoft.AspNetCore.Connections;

namespace ExternalConnections.Api.Infrastructure;

/// <summary>Recognises Kestrel's start-up failure when another process already listens on the address.</summary>
public static class ListenFailure
{
    /// <summary>Whether <paramref name="exception"/> is Kestrel's "address already in use" failure.</summary>
    public static bool IsAddressInUse(Exception? exception) =>
        exception is IOException { InnerException: AddressInUseException };
}

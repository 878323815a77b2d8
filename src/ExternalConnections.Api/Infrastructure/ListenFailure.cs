using Microsoft.AspNetCore.Connections;

namespace ExternalConnections.Api.Infrastructure;

/// <summary>Recognises the ways Kestrel fails to start listening that an operator can fix in settings.</summary>
public static class ListenFailure
{
    /// <summary>
    /// Returns what went wrong, worded for the operator, when <paramref name="exception"/> is
    /// Kestrel's failure to listen on its configured address; otherwise null.
    /// </summary>
    public static string? Describe(Exception? exception) => exception switch
    {
        IOException { InnerException: AddressInUseException } =>
            $"{exception.Message} Stop the process that listens there, or choose another address "
            + "with ASPNETCORE_URLS (EXTERNALCONNECTIONS_URLS for scripts/run.sh).",
        ArgumentOutOfRangeException { ParamName: "port" } =>
            "A listen address has a port outside 1 to 65535. Correct ASPNETCORE_URLS, --urls or EXTERNALCONNECTIONS_URLS.",
        _ => null,
    };
}

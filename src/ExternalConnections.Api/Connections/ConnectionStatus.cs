namespace ExternalConnections.Api.Connections;

/// <summary>Health of the link as last observed.</summary>
public enum ConnectionStatus
{
    Active,
    Disconnected,
    Expired,
    Revoked,
    Error,
}

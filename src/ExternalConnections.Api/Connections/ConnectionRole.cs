namespace ExternalConnections.Api.Connections;

/// <summary>Whether a connection serves a whole workspace's agents or one person.</summary>
public enum ConnectionRole
{
    Orchestrator,
    Personal,
}

namespace ExternalConnections.Api.Connections;

/// <summary>Which workspaces may see a connection.</summary>
public enum VisibilityMode
{
    Global,
    WorkspaceLocal,
    Shared,
}

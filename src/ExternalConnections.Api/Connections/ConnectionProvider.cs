namespace ExternalConnections.Api.Connections;

/// <summary>Outside service a connection links to. Wire names are the snake_case of the member names.</summary>
public enum ConnectionProvider
{
    GoogleWorkspace,
    Telegram,
    Whatsapp,
    Discord,
    GenericMonitoring,
    Slack,
    MicrosoftTeams,
    Jira,
    Github,
    Openclaw,
}

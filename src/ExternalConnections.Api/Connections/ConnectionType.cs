namespace ExternalConnections.Api.Connections;

/// <summary>How the service authenticates to the provider.</summary>
public enum ConnectionType
{
    UserOauth,
    ServiceAccount,
    BotToken,
    Webhook,
    GithubApp,
}

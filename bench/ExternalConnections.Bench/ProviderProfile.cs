using ExternalConnections.Api.Connections;

namespace ExternalConnections.Bench;

/// <summary>Plausible values for one provider: its connection types, scopes and display name.</summary>
public sealed record ProviderProfile(
    ConnectionProvider Provider,
    string DisplayName,
    IReadOnlyList<ConnectionType> ConnectionTypes,
    IReadOnlyList<string> Scopes,
    int Weight)
{
    /// <summary>
    /// One profile per provider. Together their connection types cover every
    /// <see cref="ConnectionType"/>; the weights make Slack, Google Workspace and GitHub the most common.
    /// </summary>
    public static IReadOnlyList<ProviderProfile> All { get; } =
    [
        new(ConnectionProvider.GoogleWorkspace, "Google Workspace", [ConnectionType.UserOauth, ConnectionType.ServiceAccount],
            ["https://www.googleapis.com/auth/calendar.readonly", "https://www.googleapis.com/auth/drive.readonly",
             "https://www.googleapis.com/auth/gmail.send", "https://www.googleapis.com/auth/admin.directory.user.readonly"], 18),
        new(ConnectionProvider.Telegram, "Telegram", [ConnectionType.BotToken, ConnectionType.Webhook],
            ["messages:read", "messages:send", "chats:read", "members:read"], 6),
        new(ConnectionProvider.Whatsapp, "WhatsApp", [ConnectionType.BotToken, ConnectionType.Webhook],
            ["whatsapp_business_messaging", "whatsapp_business_management", "business_management", "catalog_management"], 5),
        new(ConnectionProvider.Discord, "Discord", [ConnectionType.BotToken, ConnectionType.UserOauth, ConnectionType.Webhook],
            ["bot", "identify", "guilds", "messages.read"], 6),
        new(ConnectionProvider.GenericMonitoring, "Monitoring", [ConnectionType.Webhook, ConnectionType.ServiceAccount],
            ["alerts:read", "alerts:write", "metrics:read", "incidents:write"], 8),
        new(ConnectionProvider.Slack, "Slack", [ConnectionType.BotToken, ConnectionType.UserOauth, ConnectionType.Webhook],
            ["chat:write", "channels:read", "users:read", "im:history"], 20),
        new(ConnectionProvider.MicrosoftTeams, "Microsoft Teams", [ConnectionType.UserOauth, ConnectionType.ServiceAccount, ConnectionType.BotToken],
            ["ChannelMessage.Send", "Team.ReadBasic.All", "User.Read", "Chat.ReadWrite"], 10),
        new(ConnectionProvider.Jira, "Jira", [ConnectionType.UserOauth, ConnectionType.ServiceAccount, ConnectionType.Webhook],
            ["read:jira-work", "write:jira-work", "read:jira-user", "manage:jira-webhook"], 9),
        new(ConnectionProvider.Github, "GitHub", [ConnectionType.GithubApp, ConnectionType.UserOauth, ConnectionType.Webhook],
            ["repo", "read:org", "issues:write", "pull_requests:read"], 14),
        new(ConnectionProvider.Openclaw, "OpenClaw", [ConnectionType.ServiceAccount, ConnectionType.UserOauth],
            ["agents:run", "tools:read", "memory:read", "memory:write"], 4),
    ];
}

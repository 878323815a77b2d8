namespace ExternalConnections.Api.Infrastructure.Security;

/// <summary>Settings of the <c>Access</c> section: which token claims grant what.</summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>Claim that lists the workspaces the caller belongs to, one workspace per claim value.</summary>
    public string WorkspaceClaim { get; set; } = "workspaces";

    /// <summary>Role that sees and changes every record; empty to grant it by role to no one.</summary>
    public string AdminRole { get; set; } = "external-connections-admin";

    /// <summary>OAuth scope that sees and changes every record; empty to grant it by scope to no one.</summary>
    public string AdminScope { get; set; } = "external-connections.admin";

    /// <summary>Claims that carry roles.</summary>
    public string[] RoleClaims { get; set; } = ["roles", "role"];

    /// <summary>Claims that carry OAuth scopes, as space-separated values (RFC 8693 <c>scope</c>) or one per claim.</summary>
    public string[] ScopeClaims { get; set; } = ["scope", "scp"];
}

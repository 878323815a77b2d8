namespace ExternalConnections.Api.Infrastructure.Security;

/// <summary>
/// Settings of the <c>Authentication</c> section beside the JWT bearer scheme's own
/// (<c>Authentication:Schemes:Bearer</c>).
/// </summary>
public sealed class AuthenticationSwitch
{
    public const string SectionName = "Authentication";

    /// <summary>Require a valid bearer token on every /api route. Off means anyone may do anything.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Allow <see cref="Enabled"/> = false in the Production environment; start-up refuses it otherwise.</summary>
    public bool AllowDisabledInProduction { get; set; }
}

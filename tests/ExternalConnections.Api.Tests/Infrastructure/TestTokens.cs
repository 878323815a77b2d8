using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ExternalConnections.Api.Tests.Infrastructure;

/// <summary>
/// Mints bearer tokens that the services under test accept: <see cref="Settings"/> configures
/// them with this class's issuer, audience and signing key.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "external-connections-tests";

    public const string Audience = "external-connections";

    public const string AdminRole = "external-connections-admin";

    private static readonly byte[] Key = Convert.FromBase64String("mV8dVmMbPFiCSZqSeKh6hbx3gUGE8RHdnL8JdZ7F7h8=");

    /// <summary>Configuration keys that make a service accept these tokens, keyed as in appsettings.json.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(Key),
    };

    /// <summary>A token of an administrator, who sees and changes every record.</summary>
    public static string Admin() => Create(subject: "test-admin", roles: [AdminRole]);

    /// <summary>A token of a member of <paramref name="workspaces"/>.</summary>
    public static string Member(params string[] workspaces) => Create(subject: $"member-{Guid.NewGuid():N}", workspaces: workspaces);

    /// <summary>A token with the given claims; <paramref name="subject"/> null leaves out <c>sub</c>.</summary>
    public static string Create(
        string? subject,
        IEnumerable<string>? workspaces = null,
        IEnumerable<string>? roles = null,
        string? scope = null,
        DateTime? expires = null,
        byte[]? signingKey = null,
        string issuer = Issuer,
        string audience = Audience)
    {
        var claims = new List<Claim>();
        if (subject is not null)
        {
            claims.Add(new Claim("sub", subject));
        }

        claims.AddRange((workspaces ?? []).Select(workspace => new Claim("workspaces", workspace)));
        claims.AddRange((roles ?? []).Select(role => new Claim("roles", role)));
        if (scope is not null)
        {
            claims.Add(new Claim("scope", scope));
        }

        var expiresAt = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = issuer,
            Audience = audience,
            NotBefore = expiresAt.AddHours(-2),
            IssuedAt = expiresAt.AddHours(-2),
            Expires = expiresAt,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(signingKey ?? Key), SecurityAlgorithms.HmacSha256),
        });
    }
}

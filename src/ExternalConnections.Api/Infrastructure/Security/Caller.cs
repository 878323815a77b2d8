using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace ExternalConnections.Api.Infrastructure.Security;

/// <summary>
/// Who sent a request, as far as access to records goes: the workspaces they belong to and
/// whether they are an administrator, who sees and changes everything.
/// </summary>
/// <param name="Subject">The token's <c>sub</c>; null when the token has none or a blank one.</param>
/// <param name="Workspaces">Workspaces whose records the caller may read and write.</param>
/// <param name="IsAdmin">Whether the caller sees and changes every record.</param>
public sealed record Caller(string? Subject, IReadOnlySet<string> Workspaces, bool IsAdmin)
{
    /// <summary>The caller when authentication is switched off: everything is allowed, and all callers share one subject.</summary>
    public static readonly Caller Unauthenticated = new("anonymous", new HashSet<string>(), IsAdmin: true);

    public bool IsMemberOf(string workspaceId) => IsAdmin || Workspaces.Contains(workspaceId);

    /// <summary>Binds the caller of a minimal-API handler from the authenticated user.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context)
    {
        var authentication = context.RequestServices.GetRequiredService<IOptions<AuthenticationSwitch>>().Value;
        if (!authentication.Enabled)
        {
            return ValueTask.FromResult<Caller?>(Unauthenticated);
        }

        var access = context.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value;
        return ValueTask.FromResult<Caller?>(From(context.User, access));
    }

    public static Caller From(ClaimsPrincipal user, AccessOptions access)
    {
        var workspaces = user.FindAll(access.WorkspaceClaim)
            .Select(claim => claim.Value)
            .Where(value => value.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
        var subject = user.FindFirst("sub")?.Value;
        return new Caller(string.IsNullOrWhiteSpace(subject) ? null : subject, workspaces, IsAdministrator(user, access));
    }

    private static bool IsAdministrator(ClaimsPrincipal user, AccessOptions access)
    {
        var hasRole = access.AdminRole.Length > 0
            && access.RoleClaims.Any(type => user.FindAll(type).Any(claim => claim.Value == access.AdminRole));
        var hasScope = access.AdminScope.Length > 0
            && access.ScopeClaims.Any(type => user.FindAll(type)
                .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Contains(access.AdminScope));
        return hasRole || hasScope;
    }
}

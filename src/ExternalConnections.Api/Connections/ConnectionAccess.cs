using System.Linq.Expressions;
using ExternalConnections.Api.Infrastructure.Security;

namespace ExternalConnections.Api.Connections;

/// <summary>
/// Which connections a caller may read and change. A caller reads the records of their
/// workspaces, shared records whose owning workspace is theirs, and global records; they change
/// only records of their workspaces. Administrators read and change everything.
/// </summary>
/// <remarks>
/// <see cref="CanRead"/> and <see cref="ReadableBy"/>, like <see cref="CanWrite"/> and
/// <see cref="WritableBy"/>, state one rule for a loaded record and for a query; change them together.
/// </remarks>
public static class ConnectionAccess
{
    public static bool CanRead(Caller caller, ExternalConnection connection) =>
        caller.IsAdmin
        || caller.Workspaces.Contains(connection.WorkspaceId)
        || connection.VisibilityMode == VisibilityMode.Global
        || (connection.VisibilityMode == VisibilityMode.Shared
            && connection.OwningWorkspaceId is not null
            && caller.Workspaces.Contains(connection.OwningWorkspaceId));

    public static bool CanWrite(Caller caller, ExternalConnection connection) =>
        caller.IsMemberOf(connection.WorkspaceId);

    /// <summary>Keeps the rows <see cref="CanWrite"/> allows, as SQL.</summary>
    public static IQueryable<ExternalConnection> WritableBy(this IQueryable<ExternalConnection> query, Caller caller)
    {
        if (caller.IsAdmin)
        {
            return query;
        }

        var workspaces = caller.Workspaces.ToArray();
        return query.Where(connection => workspaces.Contains(connection.WorkspaceId));
    }

    /// <summary>Keeps the rows <see cref="CanRead"/> allows, as SQL.</summary>
    public static IQueryable<ExternalConnection> ReadableBy(this IQueryable<ExternalConnection> query, Caller caller)
    {
        if (caller.IsAdmin)
        {
            return query;
        }

        var workspaces = caller.Workspaces.ToArray();
        Expression<Func<ExternalConnection, bool>> readable = connection =>
            workspaces.Contains(connection.WorkspaceId)
            || connection.VisibilityMode == VisibilityMode.Global
            || (connection.VisibilityMode == VisibilityMode.Shared && workspaces.Contains(connection.OwningWorkspaceId!));
        return query.Where(readable);
    }
}

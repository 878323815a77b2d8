using System.Collections.Frozen;
using Microsoft.AspNetCore.Mvc;

namespace ExternalConnections.Api.Connections.Listing;

/// <summary>
/// Query string of a connection list, as sent. Values stay strings until
/// <see cref="ListConnectionsQueryValidator"/> has checked them, so that a bad value gets an
/// error naming the parameter instead of a binding failure.
/// </summary>
public sealed class ListConnectionsQuery
{
    public static readonly FrozenSet<string> ParameterNames = FrozenSet.Create(
        StringComparer.Ordinal,
        "workspaceId", "provider", "connectionType", "connectionStatus", "visibilityMode", "connectionRole",
        "owningWorkspaceId", "owningUserId", "externalPrincipalId", "aiAccessEnabled", "sort", "limit", "cursor");

    /// <summary>Keeps connections of any of these workspaces.</summary>
    [FromQuery(Name = "workspaceId")]
    public string[]? WorkspaceId { get; init; }

    /// <summary>Keeps connections to any of these providers.</summary>
    [FromQuery(Name = "provider")]
    public string[]? Provider { get; init; }

    /// <summary>Keeps connections of any of these types.</summary>
    [FromQuery(Name = "connectionType")]
    public string[]? ConnectionType { get; init; }

    /// <summary>Keeps connections in any of these statuses.</summary>
    [FromQuery(Name = "connectionStatus")]
    public string[]? ConnectionStatus { get; init; }

    /// <summary>Keeps connections with any of these visibility modes.</summary>
    [FromQuery(Name = "visibilityMode")]
    public string[]? VisibilityMode { get; init; }

    /// <summary>Keeps connections with any of these roles.</summary>
    [FromQuery(Name = "connectionRole")]
    public string[]? ConnectionRole { get; init; }

    /// <summary>Keeps connections owned by any of these workspaces.</summary>
    [FromQuery(Name = "owningWorkspaceId")]
    public string[]? OwningWorkspaceId { get; init; }

    /// <summary>Keeps connections owned by any of these users.</summary>
    [FromQuery(Name = "owningUserId")]
    public string[]? OwningUserId { get; init; }

    /// <summary>Keeps connections of any of these external principals.</summary>
    [FromQuery(Name = "externalPrincipalId")]
    public string[]? ExternalPrincipalId { get; init; }

    /// <summary>Keeps connections whose AI access is <c>true</c> or <c>false</c>.</summary>
    [FromQuery(Name = "aiAccessEnabled")]
    public string[]? AiAccessEnabled { get; init; }

    /// <summary>createdAt, -createdAt (default), updatedAt or -updatedAt; ties break by id.</summary>
    [FromQuery(Name = "sort")]
    public string? Sort { get; init; }

    /// <summary>Page size from 1 to 200; 50 when absent.</summary>
    [FromQuery(Name = "limit")]
    public string? Limit { get; init; }

    /// <summary>The nextCursor of the previous page, with the same sort.</summary>
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    /// <summary>The request, whose whole query string is checked for unknown or repeated parameters.</summary>
    public required HttpRequest Request { get; init; }
}

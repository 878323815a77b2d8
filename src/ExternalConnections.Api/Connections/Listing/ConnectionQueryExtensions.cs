using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace ExternalConnections.Api.Connections.Listing;

/// <summary>Translates list criteria into a keyset-paginated EF Core query.</summary>
public static class ConnectionQueryExtensions
{
    public static IQueryable<ExternalConnection> Matching(
        this IQueryable<ExternalConnection> query,
        ListConnectionsCriteria criteria) =>
        query
            .WhereAnyOf(criteria.WorkspaceIds, connection => connection.WorkspaceId)
            .WhereAnyOf(criteria.Providers, connection => connection.Provider)
            .WhereAnyOf(criteria.ConnectionTypes, connection => connection.ConnectionType)
            .WhereAnyOf(criteria.ConnectionStatuses, connection => connection.ConnectionStatus)
            .WhereAnyOf(criteria.VisibilityModes, connection => connection.VisibilityMode)
            .WhereAnyOf(criteria.ConnectionRoles, connection => connection.ConnectionRole)
            .WhereAnyOf(criteria.OwningWorkspaceIds, connection => connection.OwningWorkspaceId!)
            .WhereAnyOf(criteria.OwningUserIds, connection => connection.OwningUserId!)
            .WhereAnyOf(criteria.ExternalPrincipalIds, connection => connection.ExternalPrincipalId!)
            .WhereAnyOf(criteria.AiAccessEnabled, connection => connection.AiAccessEnabled);

    /// <summary>
    /// Orders by the sort key, then id, and starts after the cursor with a row-value comparison
    /// (<c>(created_at, id) &lt; (@key, @id)</c>), which PostgreSQL answers from the
    /// <c>(…, created_at, id)</c> indexes without reading the skipped rows.
    /// </summary>
    public static IQueryable<ExternalConnection> InPageOrder(
        this IQueryable<ExternalConnection> query,
        ConnectionSort sort,
        ListCursor? after)
    {
        if (after is { } cursor)
        {
            var (key, id) = (cursor.SortKey, cursor.Id);
            query = sort switch
            {
                ConnectionSort.CreatedAtDescending => query.Where(connection =>
                    EF.Functions.LessThan(ValueTuple.Create(connection.CreatedAt, connection.Id), ValueTuple.Create(key, id))),
                ConnectionSort.CreatedAtAscending => query.Where(connection =>
                    EF.Functions.GreaterThan(ValueTuple.Create(connection.CreatedAt, connection.Id), ValueTuple.Create(key, id))),
                ConnectionSort.UpdatedAtDescending => query.Where(connection =>
                    EF.Functions.LessThan(ValueTuple.Create(connection.UpdatedAt, connection.Id), ValueTuple.Create(key, id))),
                _ => query.Where(connection =>
                    EF.Functions.GreaterThan(ValueTuple.Create(connection.UpdatedAt, connection.Id), ValueTuple.Create(key, id))),
            };
        }

        return sort switch
        {
            ConnectionSort.CreatedAtDescending => query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
            ConnectionSort.CreatedAtAscending => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
            ConnectionSort.UpdatedAtDescending => query.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
            _ => query.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
        };
    }

    /// <summary>
    /// Keeps rows whose field equals any of the values. One value becomes <c>field = @value</c>
    /// rather than <c>field = ANY(@values)</c>, because PostgreSQL 15 can walk an index in sort
    /// order only for a plain equality.
    /// </summary>
    private static IQueryable<ExternalConnection> WhereAnyOf<TValue>(
        this IQueryable<ExternalConnection> query,
        IReadOnlyList<TValue> values,
        Expression<Func<ExternalConnection, TValue>> field)
    {
        if (values.Count == 0)
        {
            return query;
        }

        // Reading the values through a captured object makes EF Core send them as parameters.
        Expression condition = values.Count == 1
            ? Expression.Equal(field.Body, Captured(values[0]))
            : Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TValue)], Captured(values.ToArray()), field.Body);
        return query.Where(Expression.Lambda<Func<ExternalConnection, bool>>(condition, field.Parameters));
    }

    private static MemberExpression Captured<T>(T value) =>
        Expression.Property(Expression.Constant(new Capture<T>(value)), nameof(Capture<T>.Value));

    private sealed record Capture<T>(T Value);
}
